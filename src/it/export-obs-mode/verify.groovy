import java.util.zip.ZipFile
def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] Exported job 'ods_orders_load' to obs:\/\/retail-exports\/dlf\/ods_orders_load\/ in [\d.]+ s\./
assert log =~ /\[INFO\] Exported job 'dws_sales_daily' to obs:\/\/retail-exports\/dlf\/dws_sales_daily\/ in [\d.]+ s\./
assert log =~ /\[INFO\] Exported 2 jobs to OBS in [\d.]+ s\./
assert !new File(basedir, 'target/dlf').exists()
def zip = new File(basedir, 'target/dlf-emulator/obs/retail-exports/dlf/dws_sales_daily/DLF_dws_sales_daily.zip')
assert zip.isFile()
def names = new ZipFile(zip).withCloseable { z -> z.entries().collect { it.name } }
assert names.sort() == ['jobs/dws_sales_daily.job', 'resources/sales_aggregator_jar.resource', 'scripts/dws_sales_daily_publish.script']

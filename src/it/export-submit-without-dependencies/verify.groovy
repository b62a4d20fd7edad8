def out = new File(basedir, 'target/dlf')
def files = []
out.eachFileRecurse(groovy.io.FileType.FILES) { files << out.toPath().relativize(it.toPath()).toString() }
assert files.sort() == ['jobs/dwd_orders_clean.job', 'jobs/dws_sales_daily.job']
def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] Exported 2 jobs: 2 files/

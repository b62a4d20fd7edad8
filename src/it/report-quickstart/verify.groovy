def log = new File(basedir, 'build.log').getText('UTF-8')
assert log =~ /\[INFO\] DLF report: 4 jobs and 5 scripts drawn; open .*index\.html\./
def report = new File(basedir, 'target/dlf-report')
assert new File(report, 'index.html').getText('UTF-8').contains('every day at 02:00 GMT+08:00')
assert new File(report, 'jobs/\u9500\u552e\u65e5\u62a5.html').isFile()
assert new File(report, 'svg').list().sort() ==
        ['dwd_orders_clean.svg', 'dws_sales_daily.svg', 'ods_orders_load.svg', '\u9500\u552e\u65e5\u62a5.svg']
def script = new File(report, 'scripts/common_partition_check.html').getText('UTF-8')
assert script.contains('dwd_orders_clean') && script.contains('ods_orders_load')
return true

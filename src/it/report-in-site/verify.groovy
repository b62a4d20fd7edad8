def site = new File(basedir, 'target/site')
def reports = new File(site, 'project-reports.html').getText('UTF-8')
assert reports.contains('href="dlf-report/index.html"') && reports.contains('DataArts Factory jobs')
def index = new File(site, 'dlf-report/index.html').getText('UTF-8')
assert index.contains('every day at 02:00 GMT+08:00')
assert new File(site, 'dlf-report/svg/dws_sales_daily.svg').getText('UTF-8').startsWith('<svg')
assert new File(site, 'dlf-report/jobs/\u9500\u552e\u65e5\u62a5.html').isFile()
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log =~ /\[INFO\] DLF report: 4 jobs and 5 scripts drawn; open .*dlf-report.index\.html\./
return true

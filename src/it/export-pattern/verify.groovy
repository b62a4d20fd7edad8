def job = '\u9500\u552e\u65e5\u62a5' // the sample's Chinese-named job
def log = new File(basedir, 'build.log').getText('UTF-8')
def out = new File(basedir, 'target/dlf')
def files = []
out.eachFileRecurse(groovy.io.FileType.FILES) { files << out.toPath().relativize(it.toPath()).toString() }
assert files.sort() == ['jobs/dwd_orders_clean.job', 'jobs/dws_sales_daily.job', "jobs/${job}.job".toString(),
                        'resources/sales_aggregator_jar.resource', 'scripts/ads_sales_report.script',
                        'scripts/common_partition_check.script', 'scripts/dwd_orders_clean.script',
                        'scripts/dws_sales_daily_publish.script'].sort()
// The pattern was resolved with the job list (both job types), then one batch request exported all three.
assert (log =~ /Emulator: GET \/v1\/[0-9a-f]+\/jobs -> 200/).count == 2
assert log.contains('Selected 3 job(s): 0 by name, 4 matching [*]; skipped 1 excluded by [ods_*].')
assert (log =~ /Emulator: POST \/v1\/[0-9a-f]+\/jobs\/batch-export -> 200/).count == 1
assert log =~ /\[INFO\] Exported 3 jobs: 8 files \([\d,]+ bytes downloaded, 3 requests\)/
// Batch and single exports give the same bytes: the files equal the emulator's fixtures.
def fixtures = new File(basedir, '../../../src/it/quickstart/src/test/dlf')
files.each { assert new File(out, it).bytes == new File(fixtures, it).bytes : it }
return true

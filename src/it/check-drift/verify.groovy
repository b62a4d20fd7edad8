import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[WARNING] DLF drift: 1 file changed, 1 added, 1 removed, 8 unchanged.')
// One summary: the check's own working copy is not compared with its previous run.
assert !log.contains('Compared with the previous snapshot')
assert log.contains('[WARNING]   added: jobs/ods_orders_load.job')
assert log.contains('[WARNING]   changed: jobs/dws_sales_daily.job')
assert log.contains('[WARNING]     at nodes[publish_to_dws].properties[scriptName].value')
assert log.contains('[INFO]     -          "value": "dws_sales_daily_v1"')
assert log.contains('[INFO]     +          "value": "dws_sales_daily_publish"')
assert log.contains('[WARNING]   removed: jobs/retired_job.job')
// The build fails on drift, says where the report is and how to update the snapshot.
assert log =~ /\[ERROR\] Failed to execute goal .*check.*DLF drift: 3 files differ between the cloud and src\/main\/dlf/
assert log.contains('mvn dlf:export -Ddlf.outputDirectory=src/main/dlf')
assert log.contains('target/dlf-check/drift.md')

def drift = new JsonSlurper().parse(new File(basedir, 'target/dlf-check/drift.json'))
assert drift.summary == [added: 1, changed: 1, removed: 1, unchanged: 8]
assert drift.files.collect { it.path + ' ' + it.change } ==
        ['jobs/dws_sales_daily.job changed', 'jobs/ods_orders_load.job added', 'jobs/retired_job.job removed']
def md = new File(basedir, 'target/dlf-check/drift.md').getText('UTF-8')
assert md.contains('| removed | `jobs/retired_job.job` |')
assert md.contains('```diff')

// The committed snapshot is exactly as it was, times included.
def lines = []
def snapshot = new File(basedir, 'src/main/dlf')
snapshot.eachFileRecurse(groovy.io.FileType.FILES) { lines << snapshot.toPath().relativize(it.toPath()).toString() + ' ' + it.bytes.encodeHex() + ' ' + it.lastModified() }
assert lines.sort().join('\n') == new File(basedir, 'snapshot-before.txt').text
return true

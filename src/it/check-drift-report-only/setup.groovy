// The committed snapshot: the quick-start jobs as export writes them, then edited as if the cloud had moved on.
def fixtures = new File(basedir, '../../../src/it/quickstart/src/test/dlf')
def snapshot = new File(basedir, 'src/main/dlf')
fixtures.eachFileRecurse(groovy.io.FileType.FILES) { file ->
    def copy = new File(snapshot, fixtures.toPath().relativize(file.toPath()).toString())
    copy.parentFile.mkdirs()
    copy.bytes = file.bytes
}
// Changed: the cloud's version has another script name than the committed one.
def changed = new File(snapshot, 'jobs/dws_sales_daily.job')
changed.setText(changed.getText('UTF-8').replace('"dws_sales_daily_publish"', '"dws_sales_daily_v1"'), 'UTF-8')
// Added in the cloud: not committed yet.
new File(snapshot, 'jobs/ods_orders_load.job').delete()
// Removed from the cloud: still committed.
new File(snapshot, 'jobs/retired_job.job').text = '{\n  "name" : "retired_job"\n}\n'
new File(basedir, 'snapshot-before.txt').text = state(snapshot)
return true

static String state(File root) {
    def lines = []
    root.eachFileRecurse(groovy.io.FileType.FILES) { lines << root.toPath().relativize(it.toPath()).toString() + ' ' + it.bytes.encodeHex() + ' ' + it.lastModified() }
    return lines.sort().join('\n')
}

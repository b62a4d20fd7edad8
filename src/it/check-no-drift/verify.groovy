import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[INFO] DLF drift: none, 10 files unchanged.')
def drift = new JsonSlurper().parse(new File(basedir, 'target/dlf-check/drift.json'))
assert drift.summary == [added: 0, changed: 0, removed: 0, unchanged: 10]
assert drift.files == []
assert new File(basedir, 'target/dlf-check/drift.md').getText('UTF-8').contains('No drift')
// The fresh export went into the check's own folder.
assert new File(basedir, 'target/dlf-check/cloud/jobs/ods_orders_load.job').isFile()
return true

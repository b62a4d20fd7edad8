import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[WARNING] DLF drift: 1 file changed, 1 added, 1 removed, 8 unchanged.')
assert log.contains('BUILD SUCCESS')
def drift = new JsonSlurper().parse(new File(basedir, 'target/dlf-check/drift.json'))
assert drift.summary == [added: 1, changed: 1, removed: 1, unchanged: 8]
assert new File(basedir, 'target/dlf-check/drift.md').isFile()
return true

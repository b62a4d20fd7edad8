import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log =~ /\[INFO\] DLF validate: 0 error\(s\), 0 warning\(s\) in 10 definitions of .*quickstart.src.test.dlf; report: /
assert !log.contains('Emulator')
def report = new JsonSlurper().parse(new File(basedir, 'target/dlf-validate/report.json'))
assert report.summary == [files: 10, errors: 0, warnings: 0]
return true

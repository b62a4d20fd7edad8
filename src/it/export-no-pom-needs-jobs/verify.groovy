def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]   (f) exportStatus = RELEASED') // -X really was on: Maven printed the parameters
assert log.contains('The dlf:export configuration has 2 problems:')
assert log.contains('No jobs to export')
// Said once in Maven's [ERROR] block (-X adds the stack trace, which repeats it): Maven prints a failure's causes
// after its message, so the problems must not come again as a cause.
def said = log.readLines().findAll { it.startsWith('[ERROR]') && it.contains('No jobs to export') }
assert said.size() == 1 : 'the problems are printed ' + said.size() + ' times'
assert !log.contains('The configuration has 2 problems')
assert log.contains("Export status 'RELEASED' is not valid")
assert !log.contains('itSecretKeyThatMustNeverBePrinted')
assert !log.contains('itSecurityTokenThatMustNeverBePrinted')
assert !log.contains('ITACCESSKEY000000001')
assert !new File(basedir, 'target/dlf').exists()

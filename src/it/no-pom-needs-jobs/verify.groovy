def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]   (f) exportStatus = RELEASED') // -X really was on: Maven printed the parameters
assert log.contains('The dlf:export configuration has 2 problems:')
assert log.contains('No jobs to export')
assert log.contains("Export status 'RELEASED' is not valid")
assert !log.contains('itSecretKeyThatMustNeverBePrinted')
assert !log.contains('itSecurityTokenThatMustNeverBePrinted')
assert !log.contains('ITACCESSKEY000000001')
assert !new File(basedir, 'target/dlf').exists()

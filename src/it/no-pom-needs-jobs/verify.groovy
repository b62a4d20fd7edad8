def log = new File(basedir, 'build.log').text
assert log.contains('The dlf:export configuration has 2 problems:')
assert log.contains('No jobs to export')
assert log.contains("Export status 'RELEASED' is not valid")
assert !new File(basedir, 'target/dlf').exists()

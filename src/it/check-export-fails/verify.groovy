def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains("Export of job 'no_such_job' failed: HTTP 400, DLF.0100: The job does not exists.")
assert !log.contains('DLF drift')
assert !new File(basedir, 'target/dlf-check/drift.json').exists()
assert !new File(basedir, 'target/dlf-check/drift.md').exists()
return true

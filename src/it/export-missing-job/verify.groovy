def log = new File(basedir, 'build.log').text
assert log.contains("Export of job 'no_such_job' failed: HTTP 400, DLF.0100: The job does not exists.")
assert log.contains('was left as it was')
def out = new File(basedir, 'target/dlf')
def files = []
out.eachFileRecurse { files << out.toPath().relativize(it.toPath()).toString() }
assert files.sort() == ['jobs', 'jobs/old_job.job', 'scripts', 'scripts/old.script'] : files
assert new File(out, 'jobs/old_job.job').text == '{\n  "name": "old_job"\n}\n'
assert new File(out, 'scripts/old.script').text == '{\n  "name": "old"\n}\n'

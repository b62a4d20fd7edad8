// A snapshot from an earlier, successful export.
def out = new File(basedir, 'target/dlf')
new File(out, 'jobs').mkdirs()
new File(out, 'scripts').mkdirs()
new File(out, 'jobs/old_job.job').text = '{\n  "name": "old_job"\n}\n'
new File(out, 'scripts/old.script').text = '{\n  "name": "old"\n}\n'
return true

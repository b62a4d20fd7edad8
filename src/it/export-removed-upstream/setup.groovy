// Yesterday's snapshot still has a job that has since been deleted in DataArts Factory.
def jobs = new File(basedir, 'target/dlf/jobs')
jobs.mkdirs()
new File(jobs, 'retired_job.job').text = '{\n  "name": "retired_job"\n}\n'
new File(jobs, 'ods_orders_load.job').text = '{\n  "name": "ods_orders_load",\n  "stale": true\n}\n'
return true

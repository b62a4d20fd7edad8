def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[INFO] Import plan: 3 to create')
assert log.contains('[ERROR]   job or script ods_orders_load: FAILED (The job is being scheduled; stop it first.)')
assert log =~ /\[ERROR\] Failed to execute goal .*:import \(promote\) on project import-failed-task: The import failed \(system task [0-9a-f]{32}, FAILED\): job or script ods_orders_load: The job is being scheduled; stop it first\. Fix what the tasks say in DataArts Studio/
assert log.contains('[INFO] Deleted the package from OBS.')
assert !log.contains('Exception:') && !log.contains('\tat ')
def obs = new File(basedir, 'target/dlf-emulator/obs/import-bucket/dlf-import')
assert !obs.exists() || obs.list().length == 0
assert !new File(basedir, 'target/dlf-emulator/imported/jobs').exists()
return true

def log = new File(basedir, 'build.log').getText('UTF-8')
// Module a failed as it should, before its emulator-stop.
assert log.contains("Export of job 'no_such_job' failed: HTTP 400, DLF.0100") : 'module a did not fail as planned'
// Its end stopped its emulator, so module b, built next in the same JVM, bound the same fixed port again.
assert log.contains('[INFO] DLF emulator at http://127.0.0.1:28517 stopped: the build of it:emulator-failed-module-a:pom:1 ended.') : 'the end of module a did not stop its emulator'
assert !log.contains('Address already in use') : 'module b found the port still taken'
assert log.findAll(/\[INFO\] DLF emulator listening on http:\/\/127\.0\.0\.1:28517,/).size() == 2 : 'module b did not start its emulator'
assert log =~ /emulator-failed-module-b \.+ SUCCESS/ : 'module b did not succeed'
assert new File(basedir, 'b/target/dlf/jobs/ods_orders_load.job').isFile() : 'module b did not export from its emulator'
assert log.contains('[INFO] DLF emulator at http://127.0.0.1:28517 stopped.') : 'module b did not stop its emulator'
return true

def log = new File(basedir, 'build.log').text
assert (log =~ /Emulator: POST \/v1\/[0-9a-f]+\/jobs\/ods_orders_load\/export -> 429 \(\d+ ms\)/).count == 2
assert (log =~ /Emulator: POST \/v1\/[0-9a-f]+\/jobs\/ods_orders_load\/export -> 200 \(\d+ ms\)/).count == 1
assert log =~ /\[INFO\] Exported job 'ods_orders_load': 3 files, [\d,]+ bytes in [\d.]+ s \(after 3 attempts\)\./
assert new File(basedir, 'target/dlf/jobs/ods_orders_load.job').isFile()

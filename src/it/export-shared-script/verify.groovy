def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/dlf')
def files = []
out.eachFileRecurse(groovy.io.FileType.FILES) { files << out.toPath().relativize(it.toPath()).toString() }
assert files.sort() == ['jobs/dwd_orders_clean.job', 'jobs/ods_orders_load.job', 'scripts/common_partition_check.script',
                        'scripts/dwd_orders_clean.script', 'scripts/ods_orders_load.script']
// Exported byte for byte as the (already normalized) fixtures hold it.
def fixtures = new File(basedir, '../../../src/it/quickstart/src/test/dlf')
assert new File(out, 'scripts/common_partition_check.script').bytes == new File(fixtures, 'scripts/common_partition_check.script').bytes
assert log =~ /\[INFO\] Exported job 'ods_orders_load': 3 files, [\d,]+ bytes in [\d.]+ s\./
assert log =~ /\[INFO\] Exported job 'dwd_orders_clean': 3 files, [\d,]+ bytes in [\d.]+ s\./
assert log =~ /\[INFO\] Exported 2 jobs: 5 files \([\d,]+ bytes downloaded, 2 requests\) written to .*target.dlf in [\d.]+ s\./
assert log.contains('accepting generated demo credentials')
assert log =~ /\[INFO\] Emulator: POST \/v1\/0833a5737480d53b2f25c010dc1a7b88\/jobs\/ods_orders_load\/export -> 200 \(\d+ ms\)/
assert log.contains('DLF emulator at http://127.0.0.1:')

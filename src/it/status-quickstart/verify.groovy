def log = new File(basedir, 'build.log').getText('UTF-8')
assert log =~ /\[INFO\] DLF jobs of the default workspace of project 0833a5737480d53b2f25c010dc1a7b88 at http:\/\/127\.0\.0\.1:\d+: 4 matching \[\*\]\./
['dwd_orders_clean', 'dws_sales_daily', 'ods_orders_load', '销售日报'].each { job ->
    assert log =~ /\[INFO\]   ${job}\s+BATCH  \w+  last run \w+, ended \d{4}-/ : job
}
// It read and wrote nothing: no export, no snapshot, no report.
assert !log.contains('/export -> ')
// (Maven 4 keeps its own project-local-repo under target/; the emulator keeps its workspace in dlf-emulator/.)
def target = new File(basedir, 'target')
assert !target.exists() || target.list().every { it in ['dlf-emulator', 'project-local-repo'] } : target.list().toList()
return true

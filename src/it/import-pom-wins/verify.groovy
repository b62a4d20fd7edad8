def log = new File(basedir, 'build.log').text
assert log.contains("The pom's <endpoint> ('http://127.0.0.1:9') wins over -Ddlf.endpoint='http://127.0.0.1:10'")
assert log.contains("The pom's <workspace> ('development-workspace') wins over -Ddlf.workspace='production-workspace'")
assert log.contains('write the value into <properties> as <dlf.workspace>')
// Both in one message, before anything was done: no plan, no work folder.
assert log.contains('The dlf:import configuration has 2 problems:')
assert !log.contains('Import into ')
assert !new File(basedir, 'target/dlf-import').exists()

def log = new File(basedir, 'build.log').text
assert log.contains('No project id: set <projectId> or -Ddlf.projectId, or the environment variable HUAWEICLOUD_SDK_PROJECT_ID')
assert !log.contains('Exporting 1 DLF job')
assert !new File(basedir, 'target/dlf').exists()

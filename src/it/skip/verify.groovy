def log = new File(basedir, 'build.log').text
assert log.contains('--- dlf-maven-plugin:') && log.contains(':export (default) @ skip ---')
assert log.contains('[INFO] Skipping the DLF export (dlf.skip=true).')
assert !new File(basedir, 'target/dlf').exists()

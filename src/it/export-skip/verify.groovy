def log = new File(basedir, 'build.log').text
// Maven 3.8 names the plugin by artifact id, 3.9 by its prefix.
assert log =~ /--- (dlf-maven-plugin|dlf):[^ ]+:export \(default\) @ export-skip ---/
assert log.contains('[INFO] Skipping the DLF export (dlf.skip=true).')
assert !new File(basedir, 'target/dlf').exists()

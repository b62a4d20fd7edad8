// The same committed snapshot as check-drift's.
return new GroovyShell(this.binding).evaluate(new File(basedir, '../../../src/it/check-drift/setup.groovy'))

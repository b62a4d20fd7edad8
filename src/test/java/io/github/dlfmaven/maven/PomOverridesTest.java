package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import java.io.File;
import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

/** Which -D properties the pom overrides: only those it sets to something else. */
class PomOverridesTest {

    private final Properties user = new Properties();
    private final Properties system = new Properties();
    private final MojoDescriptor descriptor = new MojoDescriptor();
    private final Xpp3Dom configuration = new Xpp3Dom("configuration");

    private List<String> overrides() {
        MavenSession session = mock(MavenSession.class);
        lenient().when(session.getUserProperties()).thenReturn(user);
        lenient().when(session.getSystemProperties()).thenReturn(system);
        MavenProject project = new MavenProject(new Model());
        project.setFile(new File("/projects/retail/pom.xml"));
        lenient().when(session.getCurrentProject()).thenReturn(project);
        return PomOverrides.of(session, new MojoExecution(descriptor, configuration));
    }

    private void parameter(String name, String type, String value, String... elements) throws Exception {
        Parameter parameter = new Parameter();
        parameter.setName(name);
        parameter.setType(type);
        parameter.setExpression("${dlf." + name + "}");
        descriptor.addParameter(parameter);
        Xpp3Dom configured = new Xpp3Dom(name);
        configured.setValue(value);
        for (String element : elements) {
            Xpp3Dom child = new Xpp3Dom("element");
            child.setValue(element);
            configured.addChild(child);
        }
        configuration.addChild(configured);
    }

    @Test
    void aListThePomSetsToWhatTheCommandLineSaysIsNoOverride() throws Exception {
        parameter("jobs", "java.util.List", null, "*");
        user.setProperty("dlf.jobs", "*");

        assertEquals(List.of(), overrides());
    }

    @Test
    void aListThatDiffersIsNamed() throws Exception {
        parameter("jobs", "java.util.List", null, "ods_*", "dwd_*");
        user.setProperty("dlf.jobs", "ods_*");

        List<String> overrides = overrides();

        assertEquals(1, overrides.size());
        assertTrue(overrides.get(0).startsWith("The pom's <jobs> ('ods_*,dwd_*') wins over -Ddlf.jobs='ods_*'"));
    }

    @Test
    void theSameFolderWrittenTwoWaysIsNoOverride() throws Exception {
        parameter("snapshotDirectory", "java.io.File", "/projects/retail/src/main/dlf");
        user.setProperty("dlf.snapshotDirectory", "src/main/dlf");

        assertEquals(List.of(), overrides());
    }

    @Test
    void aSystemPropertyFromMavenOptsIsOverriddenToo() throws Exception {
        parameter("workspace", "java.lang.String", "development");
        system.setProperty("dlf.workspace", "production");

        assertEquals(1, overrides().size());
    }

    @Test
    void aParameterThePomLeavesToItsPropertyIsNoOverride() throws Exception {
        parameter("workspace", "java.lang.String", "${dlf.workspace}");
        user.setProperty("dlf.workspace", "production");

        assertEquals(List.of(), overrides());
    }
}

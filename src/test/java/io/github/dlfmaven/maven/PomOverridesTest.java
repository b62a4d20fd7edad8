package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

/** The pom and the command line agree; nothing is overridden. */
class PomOverridesTest {

    @Test
    void aListThePomSetsToWhatTheCommandLineSaysIsNoOverride() throws Exception {
        MojoDescriptor descriptor = new MojoDescriptor();
        Parameter jobs = new Parameter();
        jobs.setName("jobs");
        jobs.setType("java.util.List");
        jobs.setExpression("${dlf.jobs}");
        descriptor.addParameter(jobs);
        descriptor.setGoal("import");

        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom list = new Xpp3Dom("jobs");
        Xpp3Dom job = new Xpp3Dom("job");
        job.setValue("*");
        list.addChild(job);
        configuration.addChild(list);
        MojoExecution execution = new MojoExecution(descriptor, configuration);

        Properties user = new Properties();
        user.setProperty("dlf.jobs", "*");
        MavenSession session = mock(MavenSession.class);
        lenient().when(session.getUserProperties()).thenReturn(user);

        List<String> overrides = PomOverrides.of(session, execution);
        assertEquals(List.of(), overrides);
    }
}

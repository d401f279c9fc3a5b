package io.leadsync.adapters.out.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MeteredCrmPortsTest {

    /**
     * A decorator that inherits a port's default method drops what the adapter overrides it for: the metered
     * Salesforce authorization once sent every connect to the production login host, whatever the admin chose.
     */
    @ParameterizedTest
    @ValueSource(classes = {MeteredCrmPorts.LeadWriter.class, MeteredCrmPorts.BulkWriter.class,
            MeteredCrmPorts.ChangeReader.class, MeteredCrmPorts.Authorization.class,
            MeteredCrmPorts.ActivityWriter.class})
    void every_method_of_the_port_is_delegated_defaults_included(Class<?> decorator) {
        Class<?> port = decorator.getInterfaces()[0];
        List<String> inherited = Arrays.stream(port.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> !declares(decorator, method))
                .map(Method::toString)
                .toList();

        assertThat(inherited).as("methods of %s that %s does not delegate", port.getSimpleName(),
                decorator.getSimpleName()).isEmpty();
    }

    private static boolean declares(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}

package dev.jobstore.worker;

import dev.jobstore.store.JobLease;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.json.JsonValue;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Finds {@link JobHandler} methods while the application deploys, and checks their shape. */
public class JobHandlerExtension implements Extension {

    /** A handler method found on a bean. */
    record Found(Bean<?> bean, Method method, JobHandler handler) {}

    private final List<Found> found = new CopyOnWriteArrayList<>();

    <T> void findHandlers(@Observes ProcessManagedBean<T> event) {
        for (AnnotatedMethod<? super T> annotated :
                event.getAnnotatedBeanClass().getMethods()) {
            JobHandler handler = annotated.getAnnotation(JobHandler.class);
            if (handler == null) {
                continue;
            }
            Method method = annotated.getJavaMember();
            Class<?>[] parameters = method.getParameterTypes();
            boolean takesOne =
                    parameters.length == 1 && (parameters[0] == JobLease.class || parameters[0] == JsonValue.class);
            Class<?> returns = method.getReturnType();
            boolean returnsValue =
                    returns == void.class || JsonValue.class.isAssignableFrom(returns) || returns == String.class;
            if (!takesOne || !returnsValue) {
                event.addDefinitionError(new IllegalArgumentException("@JobHandler method " + method
                        + " must take a JobLease or a JsonValue and return JsonValue, String or void"));
                continue;
            }
            found.add(new Found(event.getBean(), method, handler));
        }
    }

    List<Found> handlers() {
        return List.copyOf(found);
    }
}

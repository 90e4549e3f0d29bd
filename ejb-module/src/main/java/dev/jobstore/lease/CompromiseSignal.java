package dev.jobstore.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The "this lease is lost" part of an in-process lease handle: callbacks registered with
 * {@link #onCompromised} run exactly once, on the managed executor, when {@link #fire} is first
 * called (or at once if it already was).
 */
public final class CompromiseSignal {

    private final Executor executor;
    private final Runnable onFire;
    private final List<Runnable> callbacks = new ArrayList<>();
    private boolean fired;

    /** {@code onFire} runs once, synchronously, when the signal first fires. */
    public CompromiseSignal(Executor executor, Runnable onFire) {
        this.executor = executor;
        this.onFire = onFire;
    }

    public void onCompromised(Runnable callback) {
        synchronized (callbacks) {
            if (!fired) {
                callbacks.add(callback);
                return;
            }
        }
        executor.execute(callback);
    }

    public boolean hasFired() {
        synchronized (callbacks) {
            return fired;
        }
    }

    public void fire() {
        List<Runnable> toRun;
        synchronized (callbacks) {
            if (fired) {
                return;
            }
            fired = true;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        onFire.run();
        toRun.forEach(executor::execute);
    }
}

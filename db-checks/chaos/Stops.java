import java.time.Duration;
import java.util.List;

/** The chaos checks that take node B away: kill -9 and start again, undeploy, SIGTERM. */
final class Stops {

    /** The jobs node B's in-process pools hold. */
    static final String HELD_BY_B = "status = 'RUNNING' and lease_owner like 'pool-%@node-b'";

    private Stops() {}

    /** kill -9 of node B {@code times} times, each time started again once it answered. */
    static void repeatedKills(int times) {
        for (int i = 1; i <= times; i++) {
            Calls.phase("kill " + i);
            int held = busy().size();
            Chaos.b.kill();
            long start = System.nanoTime();
            Chaos.b.start();
            boolean up = Chaos.b.awaitApi(Duration.ofSeconds(300));
            System.out.printf("  killed node B holding %d in-process leases; it answered again after %.1f s%n",
                    held, (System.nanoTime() - start) / 1e9);
            Chaos.check("kill " + i, up, "node B did not start again");
            Api.pause(5_000);
        }
    }

    /**
     * Node B undeployed, then stopped with SIGTERM, each right after a burst of work: the jobs its
     * pools held leave it at once (released or fulfilled), none waits out its lease.
     */
    static void gracefulStops() {
        Calls.phase("undeploy");
        long undeployGap = gracefulGap(() -> Chaos.b.undeploy(true));
        Calls.print("undeploy");
        Chaos.b.undeploy(false);
        boolean up = Chaos.b.awaitApi(Duration.ofSeconds(120));
        Calls.phase("sigterm");
        Api.pause(3_000);
        long[] stopped = new long[1];
        long sigtermGap = gracefulGap(() -> stopped[0] = Chaos.b.terminate().toMillis());
        System.out.printf("  longest a job of node B's pools stayed leased after the stop began: undeploy %d ms,"
                + " SIGTERM %d ms (the node exited after %d ms); their lease is %d ms%n",
                undeployGap, sigtermGap, stopped[0], Chaos.POOL_LEASE_MILLIS);
        Chaos.check("graceful-stop", up && undeployGap >= 0 && undeployGap < Chaos.POOL_LEASE_MILLIS
                        && sigtermGap >= 0 && sigtermGap < Chaos.POOL_LEASE_MILLIS,
                "undeploy gap " + undeployGap + " ms, SIGTERM gap " + sigtermGap + " ms, redeployed " + up);
    }

    /** Starts {@code stop} after a burst; answers how long the last job node B's pools held stayed so, or -1. */
    static long gracefulGap(Runnable stop) {
        List<String> held = busy();
        if (held.isEmpty()) {
            return -1;
        }
        long start = System.nanoTime();
        Thread stopping = new Thread(stop);
        stopping.start();
        String ids = "'" + String.join("','", held) + "'";
        boolean left = Chaos.awaitTrue(Duration.ofSeconds(60), () -> Api.number(Chaos.database,
                "select count(*) from job where " + HELD_BY_B + " and id in (" + ids + ")") == 0);
        long gap = (System.nanoTime() - start) / 1_000_000;
        try {
            stopping.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.printf("  node B's pools held %d jobs when the stop began%n", held.size());
        return left ? gap : -1;
    }

    /**
     * A burst of slow work through node B, until its pools hold some of it; answers the ids of the
     * jobs they hold (none only if they took nothing within 10 s).
     */
    static List<String> busy() {
        Chaos.load.create(Chaos.b, 200, "slow-");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> held = heldByB();
        while (held.isEmpty() && System.nanoTime() < deadline) {
            Api.pause(50);
            held = heldByB();
        }
        return held;
    }

    private static List<String> heldByB() {
        return Api.sql(Chaos.database, "select id from job where " + HELD_BY_B).stream().map(row -> row[0]).toList();
    }
}

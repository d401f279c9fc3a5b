package io.leadsync.bootstrap;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a separate JVM by {@link EmbeddedDatabaseIT}: starts the embedded PostgreSQL on a data directory, writes a
 * row, says READY and waits to be killed, leaving its PostgreSQL behind as a SIGKILLed LeadSync would.
 */
final class OrphanedDatabase {
    private OrphanedDatabase() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.startPersistent(Path.of(args[0]));
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("create table kept (value text); insert into kept values ('still here')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

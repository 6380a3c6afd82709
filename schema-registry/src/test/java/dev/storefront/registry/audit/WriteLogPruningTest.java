package dev.storefront.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** Refusals cost an attacker nothing, so only the newest are kept; principals' writes stay. */
@ServiceTest
class WriteLogPruningTest {

  @Autowired WriteLog writes;
  @Autowired DatabaseClient database;

  long count(String where) {
    return database
        .sql("SELECT count(*) AS n FROM registry_writes WHERE " + where)
        .map(row -> row.get("n", Long.class))
        .one()
        .block();
  }

  @Test
  void keepsTheNewestRefusalsAndEveryPrincipalsWrite() {
    database.sql("TRUNCATE registry_writes").then().block();
    writes.record("catalog", "publish", "catalog", 200, "PUBLISHED: v1").block();
    // One statement instead of ten thousand requests: as many refusals as are kept, plus some.
    database
        .sql(
            "INSERT INTO registry_writes (actor, action, target, status, outcome, refused)"
                + " SELECT 'anonymous', 'publish', 'catalog', 401, 'REFUSED: old', true"
                + " FROM generate_series(1, :n)")
        .bind("n", WriteLog.KEPT_REFUSALS + 50)
        .then()
        .block();
    writes.refusal("anonymous", "publish", "catalog", 401, "new").block();
    writes.pruneRefusals().block();

    assertThat(count("refused")).isEqualTo(WriteLog.KEPT_REFUSALS);
    assertThat(count("refused AND outcome = 'REFUSED: new'")).isEqualTo(1);
    assertThat(count("NOT refused")).isEqualTo(1);
  }
}

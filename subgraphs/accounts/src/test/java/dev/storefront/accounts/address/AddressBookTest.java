package dev.storefront.accounts.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.accounts.TestUsers;
import dev.storefront.service.database.SqlStatementCounter;
import dev.storefront.testsupport.GraphQlErrors;
import dev.storefront.testsupport.SqlStatements;
import dev.storefront.testsupport.SubgraphTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

@SubgraphTest
class AddressBookTest {

  @Autowired HttpGraphQlTester graphQl;
  @Autowired SqlStatementCounter statements;

  static final String ADD =
      "mutation($input: NewAddressInput!) { addAddress(input: $input) {"
          + " id label name line1 line2 postalCode city country isDefault } }";
  static final String REMOVE = "mutation($id: ID!) { removeAddress(id: $id) }";
  static final String MY_ADDRESSES = "{ me { addresses { id label isDefault } } }";

  @Test
  void theFirstAddressIsTheDefaultAndANewDefaultReplacesIt() {
    var me = signedIn();
    var home = add(me, address("Home", false));
    home.path("addAddress.isDefault").entity(Boolean.class).isEqualTo(true);
    home.path("addAddress.label").entity(String.class).isEqualTo("Home");
    home.path("addAddress.line2").valueIsNull();
    String homeId = home.path("addAddress.id").entity(String.class).get();

    String officeId =
        add(me, address("Office", false)).path("addAddress.id").entity(String.class).get();
    assertThat(labelsAndDefaults(me)).containsExactly("Home*", "Office");

    add(me, address("Cabin", true))
        .path("addAddress.isDefault")
        .entity(Boolean.class)
        .isEqualTo(true);
    assertThat(labelsAndDefaults(me)).containsExactly("Cabin*", "Home", "Office");

    // Removing the default makes the oldest remaining address the default.
    String cabinId =
        me.document(MY_ADDRESSES).execute().path("me.addresses[0].id").entity(String.class).get();
    remove(me, cabinId).path("removeAddress").entity(Boolean.class).isEqualTo(true);
    assertThat(labelsAndDefaults(me)).containsExactly("Home*", "Office");
    remove(me, homeId).path("removeAddress").entity(Boolean.class).isEqualTo(true);
    assertThat(labelsAndDefaults(me)).containsExactly("Office*");
    remove(me, officeId).path("removeAddress").entity(Boolean.class).isEqualTo(true);
    assertThat(labelsAndDefaults(me)).isEmpty();
  }

  @Test
  void valuesAreTrimmedAndBlankOptionalValuesAreAbsent() {
    var me = signedIn();
    Map<String, Object> input = address("  ", false);
    input.put("name", "  Ada Lovelace ");
    input.put("line2", " ");
    var added = add(me, input);
    added.path("addAddress.name").entity(String.class).isEqualTo("Ada Lovelace");
    added.path("addAddress.label").valueIsNull();
    added.path("addAddress.line2").valueIsNull();
  }

  @Test
  void anAddressBookHoldsTwentyAddresses() {
    var me = signedIn();
    for (int i = 0; i < 20; i++) {
      add(me, address("A" + i, false)).path("addAddress.id").hasValue();
    }
    GraphQlErrors.expectBadUserInput(add(me, address("one too many", false)), "input");
    assertThat(labelsAndDefaults(me)).hasSize(20);
  }

  @Test
  void addressesAreTheOwnersOnly() {
    var owner = TestUsers.register(graphQl);
    var asOwner = TestUsers.as(graphQl, owner.id());
    String id =
        add(asOwner, address("Home", false)).path("addAddress.id").entity(String.class).get();

    var stranger = TestUsers.as(graphQl, TestUsers.register(graphQl).id());
    String ownersBook = "{ user(id: \"" + owner.id() + "\") { id addresses { id } } }";
    stranger
        .document(ownersBook)
        .execute()
        .path("user.addresses")
        .entityList(Object.class)
        .hasSize(0);
    graphQl
        .document(ownersBook)
        .execute()
        .path("user.addresses")
        .entityList(Object.class)
        .hasSize(0);
    TestUsers.admin(graphQl)
        .document(ownersBook)
        .execute()
        .path("user.addresses")
        .entityList(Object.class)
        .hasSize(0);
    asOwner
        .document(ownersBook)
        .execute()
        .path("user.addresses")
        .entityList(Object.class)
        .hasSize(1);

    // Someone else's address does not exist for the stranger, like an unknown one.
    GraphQlErrors.expectCode(remove(stranger, id), "NOT_FOUND");
    GraphQlErrors.expectCode(remove(stranger, "999999999"), "NOT_FOUND");
    GraphQlErrors.expectCode(remove(stranger, "not-an-id"), "NOT_FOUND");
    assertThat(labelsAndDefaults(asOwner)).containsExactly("Home*");
  }

  @Test
  void signedOutCallersCannotChangeAddressBooks() {
    GraphQlErrors.expectCode(add(graphQl, address("Home", false)), "UNAUTHENTICATED");
    GraphQlErrors.expectCode(remove(graphQl, "1"), "UNAUTHENTICATED");
  }

  @Test
  void badAddressesAreRefusedNamingTheField() {
    var me = signedIn();
    expectBad(me, "name", "", "input.name");
    expectBad(me, "name", "n".repeat(201), "input.name");
    expectBad(me, "line1", "   ", "input.line1");
    expectBad(me, "line1", "l".repeat(201), "input.line1");
    expectBad(me, "line2", "l".repeat(201), "input.line2");
    expectBad(me, "city", "c".repeat(201), "input.city");
    expectBad(me, "postalCode", "1".repeat(21), "input.postalCode");
    expectBad(me, "label", "l".repeat(81), "input.label");
    expectBad(me, "country", "de", "input.country");
    expectBad(me, "country", "DEU", "input.country");
    expectBad(me, "country", "D1", "input.country");
    assertThat(labelsAndDefaults(me)).isEmpty();
  }

  @Test
  void theAddressesOfManyUsersLoadInOneStatement() {
    var me = signedIn();
    add(me, address("Home", false)).path("addAddress.id").hasValue();
    var ownUser = me.document("{ me { id } }").execute().path("me.id").entity(String.class).get();
    String query =
        "{ a: user(id: \""
            + ownUser
            + "\") { addresses { id } }"
            + " b: user(id: \"1\") { addresses { id } } c: me { addresses { id } } }";
    long count =
        SqlStatements.countDuring(
            statements,
            () ->
                me.document(query)
                    .execute()
                    .path("c.addresses")
                    .entityList(Object.class)
                    .hasSize(1));
    // One for the users, one for the address book.
    assertThat(count).isEqualTo(2);
  }

  private HttpGraphQlTester signedIn() {
    return TestUsers.as(graphQl, TestUsers.register(graphQl).id());
  }

  private static Map<String, Object> address(String label, boolean isDefault) {
    Map<String, Object> input = new HashMap<>();
    input.put("label", label);
    input.put("name", "Ada Lovelace");
    input.put("line1", "12 St James's Square");
    input.put("postalCode", "SW1Y 4JH");
    input.put("city", "London");
    input.put("country", "GB");
    input.put("isDefault", isDefault);
    return input;
  }

  private static GraphQlTester.Response add(GraphQlTester tester, Map<String, Object> input) {
    return tester.document(ADD).variable("input", input).execute();
  }

  private static GraphQlTester.Response remove(GraphQlTester tester, String id) {
    return tester.document(REMOVE).variable("id", id).execute();
  }

  private static void expectBad(GraphQlTester tester, String field, String value, String argument) {
    Map<String, Object> input = address("Home", false);
    input.put(field, value);
    GraphQlErrors.expectBadUserInput(add(tester, input), argument);
  }

  /** The book in its order, the default marked with a star. */
  private static List<String> labelsAndDefaults(GraphQlTester tester) {
    List<Map<String, Object>> addresses =
        tester
            .document(MY_ADDRESSES)
            .execute()
            .path("me.addresses")
            .entityList(new ParameterizedTypeReference<Map<String, Object>>() {})
            .get();
    return addresses.stream()
        .map(a -> a.get("label") + (Boolean.TRUE.equals(a.get("isDefault")) ? "*" : ""))
        .toList();
  }
}

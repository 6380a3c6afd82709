package dev.storefront.bff.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.bff.operations.ManifestGenerator.ManifestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ManifestGeneratorTest {

  @TempDir Path dir;

  static final String PRODUCT =
      """

      query ProductCard($id: ID!) {
        product(id: $id) { ...Card }
      }

      fragment Card on Product { id name price { amount currencyCode } }
      """;

  static final String ADD =
      "mutation AddToCart($productId: ID!) { addToCart(productId: $productId) { totalQuantity } }\n";

  @Test
  void writesAnApolloManifestWithTheSha256OfEachTrimmedFile() throws Exception {
    write("product-card.graphql", PRODUCT);
    write("add-to-cart.graphql", ADD);
    write("notes.txt", "not an operation");
    Path out = dir.resolve("out/classes/persisted-operations.json");

    ManifestGenerator.main(new String[] {dir.toString(), out.toString()});

    JsonNode manifest = JsonMapper.shared().readTree(Files.readString(out));
    assertThat(manifest.path("format").asString()).isEqualTo("apollo-persisted-query-manifest");
    assertThat(manifest.path("version").asInt()).isEqualTo(1);
    assertThat(manifest.path("operations")).hasSize(2);
    // By file name: add-to-cart first.
    JsonNode add = manifest.path("operations").get(0);
    assertThat(add.path("name").asString()).isEqualTo("AddToCart");
    assertThat(add.path("type").asString()).isEqualTo("mutation");
    assertThat(add.path("body").asString()).isEqualTo(ADD.strip());
    assertThat(add.path("id").asString()).isEqualTo(sha256(ADD.strip()));
    JsonNode product = manifest.path("operations").get(1);
    assertThat(product.path("name").asString()).isEqualTo("ProductCard");
    assertThat(product.path("type").asString()).isEqualTo("query");
    assertThat(product.path("body").asString())
        .startsWith("query ProductCard")
        .endsWith("currencyCode } }")
        .contains("fragment Card on Product");
    assertThat(product.path("id").asString())
        .isEqualTo(sha256(PRODUCT.strip()))
        .matches("[0-9a-f]{64}");

    // What the BFF loads at run time is the same.
    var loaded = new PersistedOperations(Files.readString(out));
    assertThat(loaded.get("ProductCard").id()).isEqualTo(product.path("id").asString());
    assertThat(loaded.byId(add.path("id").asString()))
        .map(PersistedOperation::name)
        .contains("AddToCart");
    assertThat(loaded.all())
        .extracting(PersistedOperation::name)
        .containsExactly("AddToCart", "ProductCard");
    assertThatThrownBy(() -> loaded.get("Nope")).isInstanceOf(IllegalArgumentException.class);
    assertThat(loaded.byId("0".repeat(64))).isEmpty();
  }

  @Test
  void subscriptionsAreTyped() {
    var op =
        ManifestGenerator.parse(
            "subscription OrderStatus($id: ID!) { orderStatusChanged(orderId: $id) { status } }");
    assertThat(op.type()).isEqualTo("subscription");
    assertThat(op.name()).isEqualTo("OrderStatus");
  }

  @Test
  void aFileThatDoesNotParseFailsTheBuild() throws Exception {
    write("broken.graphql", "query Broken { product(id: 1) { name ");
    assertThatThrownBy(() -> generate())
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("broken.graphql")
        .hasMessageContaining("does not parse");
  }

  @Test
  void exactlyOneNamedOperationPerFile() throws Exception {
    write("two.graphql", "query A { categories { id } }\nquery B { categories { name } }");
    write("anonymous.graphql", "{ categories { id } }");
    write("fragment-only.graphql", "fragment F on Product { id }");
    write("types.graphql", "type Foo { id: ID }\nquery WithType { categories { id } }");
    write("empty.graphql", "   \n");
    assertThatThrownBy(() -> generate())
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("two.graphql: must hold exactly one operation, found 2")
        .hasMessageContaining("anonymous.graphql: the operation must be named")
        .hasMessageContaining("fragment-only.graphql: must hold exactly one operation, found 0")
        .hasMessageContaining("types.graphql: only an operation and fragments are allowed")
        .hasMessageContaining("empty.graphql: the file is empty");
    assertThat(dir.resolve("out.json")).doesNotExist();
  }

  @Test
  void anOperationNameMayBeUsedOnlyOnce() throws Exception {
    write("a.graphql", "query Same { categories { id } }");
    write("b.graphql", "query Same { categories { name } }");
    assertThatThrownBy(() -> generate())
        .hasMessageContaining("b.graphql: operation Same is already defined in a.graphql");
  }

  @Test
  void noOperationsIsAnError() {
    assertThatThrownBy(() -> generate()).hasMessageContaining("no .graphql files");
    assertThatThrownBy(
            () -> ManifestGenerator.generate(dir.resolve("missing"), dir.resolve("out.json")))
        .hasMessageContaining("no operation directory");
  }

  @Test
  void aManifestWhoseIdsDoNotMatchIsRefusedAtRunTime() {
    String json =
        """
        {"format":"apollo-persisted-query-manifest","version":1,"operations":[
          {"id":"abc","name":"X","type":"query","body":"query X { categories { id } }"}]}
        """;
    assertThatThrownBy(() -> new PersistedOperations(json))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not its body's hash");
  }

  @Test
  void sharedFragmentsAreAppendedToTheOperationsThatSpreadThem() throws Exception {
    Files.createDirectories(dir.resolve("fragments"));
    write(
        "fragments/CartLines.graphql",
        "fragment CartLines on Cart { items { quantity ...Price } }\n");
    write("fragments/Price.graphql", "fragment Price on CartItem { unitPrice { amount } }\n");
    write("fragments/Unused.graphql", "fragment Unused on Cart { totalQuantity }\n");
    String cart = "query Cart { me { cart { ...CartLines } } }";
    write("cart.graphql", cart);
    write("add-to-cart.graphql", ADD);

    var operations = ManifestGenerator.read(dir);

    var add = operations.get(0);
    assertThat(add.body()).isEqualTo(ADD.strip());
    var withFragments = operations.get(1);
    // Transitively, in name order, and nothing it does not use.
    assertThat(withFragments.body())
        .isEqualTo(
            cart
                + "\n\nfragment CartLines on Cart { items { quantity ...Price } }"
                + "\n\nfragment Price on CartItem { unitPrice { amount } }");
    assertThat(withFragments.id()).isEqualTo(sha256(withFragments.body()));
  }

  @Test
  void aSpreadOfAnUnknownFragmentFailsTheBuild() throws Exception {
    write("cart.graphql", "query Cart { me { cart { ...Nowhere } } }");
    assertThatThrownBy(() -> generate())
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("cart.graphql")
        .hasMessageContaining("Nowhere");
  }

  @Test
  void aSharedFragmentFileHoldsOneFragmentOnly() throws Exception {
    Files.createDirectories(dir.resolve("fragments"));
    write(
        "fragments/Two.graphql",
        "fragment A on Cart { totalQuantity } fragment B on Cart { totalQuantity }");
    write("add-to-cart.graphql", ADD);
    assertThatThrownBy(() -> generate()).hasMessageContaining("fragments/Two.graphql");
  }

  private void generate() {
    ManifestGenerator.generate(dir, dir.resolve("out.json"));
  }

  private void write(String name, String text) throws Exception {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}

using ProtectedActions.Challenges;
using ProtectedActions.Validation;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The challenge settings at their exact bounds (realm 256, error description 256, acr values 1,024,
/// authorization URI 2,048 characters), the messages a host reads when a setting is refused, a setting in
/// error replaced by its default in the header, context ids c1..c99, and the path of a refused acrValues key.
/// </summary>
public class ChallengeSettingsBoundaryTests
{
    private const string Path = "ProtectedActions:Settings";

    private static (ChallengeBuilder Builder, IReadOnlyList<ConfigurationIssue> Issues) Build(Action<ProtectedActionsSettings> configure,
        params string[] contexts)
    {
        var settings = new ProtectedActionsSettings();
        configure(settings);
        var issues = new IssueCollector();
        var builder = ChallengeBuilder.Create(settings, contexts.Length == 0 ? ["c1"] : contexts, Path, issues);
        return (builder, issues.Issues);
    }

    [Test]
    public void A_realm_of_exactly_256_characters_is_sent_and_257_are_refused_with_the_exact_message()
    {
        var longest = new string('r', ChallengeBuilder.MaxRealmLength);
        var (builder, issues) = Build(s => s.Realm = longest);
        issues.Should().BeEmpty();
        builder.Get("c1", null).WwwAuthenticate[0].Should().StartWith("Bearer realm=\"" + longest + "\"");

        var (fallback, refused) = Build(s => s.Realm = longest + "r");
        refused.Should().ContainSingle().Which.Message.Should().Be(
            "The realm must be at most 256 printable ASCII characters (no control characters, CR, LF or non-ASCII).");
        fallback.Get("c1", null).WwwAuthenticate[0].Should().StartWith("Bearer realm=\"\", ", "the default realm replaces one in error");
    }

    [Test]
    public void An_error_description_of_exactly_256_characters_is_sent_and_the_refusal_message_is_exact()
    {
        var longest = new string('d', ChallengeBuilder.MaxErrorDescriptionLength);
        var (builder, issues) = Build(s => { s.ChallengeFormat = ChallengeFormat.Rfc9470; s.ErrorDescription = longest; });
        issues.Should().BeEmpty();
        builder.Get("c1", null).WwwAuthenticate[0].Should().Contain("error_description=\"" + longest + "\"");

        var (fallback, refused) = Build(s => { s.ChallengeFormat = ChallengeFormat.Rfc9470; s.ErrorDescription = longest + "d"; });
        refused.Should().ContainSingle().Which.Message.Should().Be(
            "The error description must be 1 to 256 printable ASCII characters without '\"' or '\\' (RFC 6750 §3).");
        fallback.Get("c1", null).WwwAuthenticate[0].Should().Contain("error_description=\"A different authentication level is required\"");
    }

    [Test]
    public void A_null_realm_or_error_description_is_refused_not_sent()
    {
        Build(s => s.Realm = null!).Issues.Should().ContainSingle().Which.Code.Should().Be(IssueCodes.InvalidRealm);
        Build(s => s.ErrorDescription = null!).Issues.Should().ContainSingle().Which.Code.Should().Be(IssueCodes.InvalidErrorDescription);
    }

    [Test]
    public void Acr_values_of_exactly_1024_characters_are_sent_and_1025_are_refused_with_the_exact_message()
    {
        var longest = new string('a', ChallengeBuilder.MaxAcrValuesLength);
        var (builder, issues) = Build(s => { s.ChallengeFormat = ChallengeFormat.Rfc9470; s.AcrValues["c1"] = longest; });
        issues.Should().BeEmpty();
        builder.Get("c1", null).AcrValues.Should().Be(longest);

        var (fallback, refused) = Build(s => { s.ChallengeFormat = ChallengeFormat.Rfc9470; s.AcrValues["c1"] = longest + "a"; });
        refused.Should().ContainSingle().Which.Message.Should().Be(
            "The value must be 1 to 1024 characters: acr values separated by single spaces, each printable ASCII without '\"' or '\\'.");
        fallback.Get("c1", null).AcrValues.Should().Be("c1", "a refused value leaves the context id");
    }

    [Test]
    public void Acr_values_with_single_spaces_and_tilde_are_accepted()
    {
        var (builder, issues) = Build(s => { s.ChallengeFormat = ChallengeFormat.Rfc9470; s.AcrValues["c1"] = "a b ~"; });

        issues.Should().BeEmpty();
        builder.Get("c1", null).AcrValues.Should().Be("a b ~");
    }

    [Test]
    public void An_unknown_acr_values_key_is_refused_with_the_exact_message()
    {
        Build(s => s.AcrValues["c7"] = "gold").Issues.Should().ContainSingle().Which.Message.Should().Be(
            "The key must be the id of a configured authentication context (c1..c99).");
    }

    [Test]
    public void An_authorization_uri_of_exactly_2048_characters_is_sent_and_2049_are_refused_with_the_exact_message()
    {
        const string Prefix = "https://login.example.com/";
        var longest = Prefix + new string('p', ChallengeBuilder.MaxAuthorizationUriLength - Prefix.Length);
        var (builder, issues) = Build(s => s.AuthorizationUri = longest);
        issues.Should().BeEmpty();
        builder.Get("c1", null).WwwAuthenticate[0].Should().Contain("authorization_uri=\"" + longest + "\"");

        var (fallback, refused) = Build(s => s.AuthorizationUri = longest + "p");
        refused.Should().ContainSingle().Which.Message.Should().Be(
            "The authorization URI must be an absolute https URI (http only for a loopback host) of at most 2048 printable ASCII characters, without spaces, quotes, backslashes, user info or fragment.");
        fallback.Get("c1", null).WwwAuthenticate[0].Should().Contain("authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\"");
    }

    [TestCase("https://login.example.com/a\u007fb")]
    [TestCase("https://login.example.com/a~b")]
    public void Tilde_is_the_last_character_an_authorization_uri_may_carry(string uri)
    {
        var accepted = Build(s => s.AuthorizationUri = uri).Issues.Count == 0;

        accepted.Should().Be(uri.Contains('~', StringComparison.Ordinal));
    }

    [Test]
    public void A_refused_key_longer_than_32_characters_is_cut_in_the_path()
    {
        var key = new string('k', 40);

        Build(s => s.AcrValues[key] = "gold").Issues.Single().Path.Should().Be(Path + ":acrValues:" + new string('k', 32));
    }

    [Test]
    public void A_refused_key_of_exactly_32_characters_is_printed_whole_with_unprintable_characters_replaced()
    {
        var key = new string('k', 30) + "\u007f\u00e9";

        Build(s => s.AcrValues[key] = "gold").Issues.Single().Path.Should().Be(Path + ":acrValues:" + new string('k', 30) + "??");
    }

    [TestCase("c1", true)]
    [TestCase("c9", true)]
    [TestCase("c10", true)]
    [TestCase("c99", true)]
    [TestCase("c", false)]
    [TestCase("c0", false)]
    [TestCase("c1a", false)]
    [TestCase("c1/", false)]
    [TestCase("c:", false)]
    [TestCase("c100", false)]
    [TestCase("d1", false)]
    public void Context_ids_are_c1_to_c99(string id, bool valid) => ChallengeBuilder.IsContextId(id).Should().Be(valid);

    [Test]
    public void A_context_that_was_not_prepared_is_built_on_first_use_and_then_reused()
    {
        var (builder, _) = Build(_ => { }, "c1");

        var late = builder.Get("c42", null);

        late.AuthenticationContextId.Should().Be("c42");
        builder.Get("c42", null).Should().BeSameAs(late);
        builder.Get("c42", 60).Should().BeSameAs(builder.Get("c42", 60));
    }

    [Test]
    public void Acr_values_keys_are_matched_to_context_ids_ignoring_case_and_written_for_the_context()
    {
        var (builder, issues) = Build(s => { s.ChallengeFormat = ChallengeFormat.Rfc9470; s.AcrValues["C2"] = "silver"; }, "c1", "c2");

        issues.Should().BeEmpty();
        builder.Get("c2", null).AcrValues.Should().Be("silver");
        builder.Get("c1", null).AcrValues.Should().Be("c1");
    }

    [Test]
    public void A_derived_builder_keeps_the_settings_and_overrides_only_the_given_contexts()
    {
        var (builder, _) = Build(s =>
        {
            s.Realm = "api";
            s.ErrorDescription = "again";
            s.AcrValues["c1"] = "gold";
            s.AcrValues["c2"] = "silver";
        }, "c1", "c2");

        var derived = builder.Derive(ChallengeFormat.Rfc9470, new Dictionary<string, string> { ["c2"] = "bronze" });

        derived.Format.Should().Be(ChallengeFormat.Rfc9470);
        derived.Get("c1", null).WwwAuthenticate.Should().Equal("Bearer error=\"insufficient_user_authentication\", error_description=\"again\", acr_values=\"gold\"");
        derived.Get("c2", 30).WwwAuthenticate.Should().Equal("Bearer error=\"insufficient_user_authentication\", error_description=\"again\", acr_values=\"bronze\", max_age=\"30\"");
        builder.Derive(ChallengeFormat.Both, new Dictionary<string, string>()).Get("c1", null).WwwAuthenticate[0].Should().StartWith("Bearer realm=\"api\", ");
    }
}

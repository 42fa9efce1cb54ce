using System.Text;
using ProtectedActions.Challenges;
using ProtectedActions.Validation;

namespace ProtectedActions.Tests.Challenges;

public class ChallengeBuilderTests
{
    private const string Path = "ProtectedActions:Settings";
    private static readonly string[] Contexts = ["c1", "c2", "c25", "c99"];

    private static ChallengeBuilder Build(ProtectedActionsSettings settings, out IssueCollector issues, params string[] contexts)
    {
        issues = new IssueCollector();
        return ChallengeBuilder.Create(settings, contexts.Length == 0 ? Contexts : contexts, Path, issues);
    }

    private static ChallengeBuilder Valid(ChallengeFormat format, Action<ProtectedActionsSettings>? configure = null)
    {
        var settings = new ProtectedActionsSettings { ChallengeFormat = format };
        configure?.Invoke(settings);
        var builder = Build(settings, out var issues);
        issues.Issues.Should().BeEmpty();
        return builder;
    }

    [Test]
    public void The_entra_challenge_has_entras_exact_shape()
    {
        var challenge = Valid(ChallengeFormat.Entra).Get("c1", null);

        const string claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
        challenge.WwwAuthenticate.Should().Equal(
            "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\""
            + Convert.ToBase64String(Encoding.UTF8.GetBytes(claims)) + "\"");
        challenge.Claims.Should().Be(claims);
        challenge.AuthenticationContextId.Should().Be("c1");
        challenge.MaxAgeSeconds.Should().BeNull();
    }

    [Test]
    public void The_entra_claims_are_standard_base64_with_padding()
    {
        // c25's JSON is 58 bytes: base64 needs padding, which Entra sends and MSAL expects.
        var header = Valid(ChallengeFormat.Entra).Get("c25", null).WwwAuthenticate[0];
        var encoded = header[(header.IndexOf("claims=\"", StringComparison.Ordinal) + 8)..^1];
        encoded.Should().EndWith("=");
        Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c25\"}}}");
    }

    [Test]
    public void Realm_and_a_tenant_specific_authorization_uri_are_configurable()
    {
        var challenge = Valid(ChallengeFormat.Entra, s =>
        {
            s.Realm = "contoso \"api\"";
            s.AuthorizationUri = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize";
        }).Get("c2", null);

        challenge.WwwAuthenticate[0].Should().StartWith(
            "Bearer realm=\"contoso \\\"api\\\"\", authorization_uri=\"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize\", error=\"insufficient_claims\", claims=\"");
    }

    [Test]
    public void The_rfc9470_challenge_reproduces_the_rfcs_first_example_exactly()
    {
        // RFC 9470 §3, figure 1 (folded there for display; one line on the wire).
        var challenge = Valid(ChallengeFormat.Rfc9470, s => s.AcrValues["c1"] = "myACR").Get("c1", null);

        challenge.WwwAuthenticate.Should().Equal(
            "Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"myACR\"");
        challenge.Claims.Should().BeNull();
    }

    [Test]
    public void The_rfc9470_writer_reproduces_the_rfcs_second_example_exactly() =>
        // RFC 9470 §3, figure 2: recency only, no acr_values.
        ChallengeWriter.Rfc9470("More recent authentication is required", null, 5).Should().Be(
            "Bearer error=\"insufficient_user_authentication\", error_description=\"More recent authentication is required\", max_age=\"5\"");

    [Test]
    public void The_rfc9470_challenge_asks_for_the_context_id_by_default_and_adds_max_age()
    {
        var builder = Valid(ChallengeFormat.Rfc9470);
        builder.Get("c2", null).WwwAuthenticate.Should().Equal(
            "Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"c2\"");
        var stale = builder.Get("c2", 3600);
        stale.WwwAuthenticate.Should().Equal(
            "Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"c2\", max_age=\"3600\"");
        stale.MaxAgeSeconds.Should().Be(3600);
    }

    [Test]
    public void Acr_values_may_list_several_values_and_keys_match_context_ids_case_insensitively()
    {
        var builder = Valid(ChallengeFormat.Rfc9470, s => s.AcrValues["C99"] = "urn:example:loa:3 phr");
        builder.Get("c99", null).WwwAuthenticate[0].Should().EndWith("acr_values=\"urn:example:loa:3 phr\"");
    }

    [Test]
    public void Both_formats_give_two_header_values_entra_first()
    {
        var challenge = Valid(ChallengeFormat.Both).Get("c1", 300);
        challenge.WwwAuthenticate.Should().HaveCount(2);
        challenge.WwwAuthenticate[0].Should().Contain("error=\"insufficient_claims\"").And.NotContain("max_age");
        challenge.WwwAuthenticate[1].Should().Contain("error=\"insufficient_user_authentication\"").And.EndWith("max_age=\"300\"");
        challenge.Claims.Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
    }

    [Test]
    public void The_entra_format_cannot_carry_a_max_age_so_only_the_decision_records_it()
    {
        var builder = Valid(ChallengeFormat.Entra);
        var fresh = builder.Get("c1", null);
        var stale = builder.Get("c1", 600);
        stale.WwwAuthenticate.Should().BeSameAs(fresh.WwwAuthenticate);
        stale.MaxAgeSeconds.Should().Be(600);
    }

    [TestCase(ChallengeFormat.Entra)]
    [TestCase(ChallengeFormat.Rfc9470)]
    [TestCase(ChallengeFormat.Both)]
    public void Challenges_are_cached_per_context_and_max_age(ChallengeFormat format)
    {
        var builder = Valid(format);
        builder.Get("c1", null).Should().BeSameAs(builder.Get("c1", null));
        builder.Get("c1", 300).Should().BeSameAs(builder.Get("c1", 300));
        builder.Get("c1", 300).Should().NotBeSameAs(builder.Get("c1", 301));
        builder.Get("c1", null).Should().NotBeSameAs(builder.Get("c2", null));
        builder.Get("c7", null).Should().BeSameAs(builder.Get("c7", null), "a valid id that was not configured is prepared once");
    }

    [Test]
    public void A_cached_step_up_allocates_nothing()
    {
        var builder = Valid(ChallengeFormat.Both);
        _ = builder.Get("c1", null);
        _ = builder.Get("c1", 900);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = builder.Get("c1", null);
            _ = builder.Get("c1", 900);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Test]
    public void The_max_age_cache_is_bounded_and_still_correct_beyond_its_bound()
    {
        var builder = Valid(ChallengeFormat.Rfc9470);
        for (var i = 0; i < ChallengeBuilder.MaxCachedMaxAgesPerContext + 10; i++)
        {
            var challenge = builder.Get("c1", i);
            challenge.MaxAgeSeconds.Should().Be(i);
            challenge.WwwAuthenticate[0].Should().EndWith($"max_age=\"{i}\"");
        }

        var beyond = ChallengeBuilder.MaxCachedMaxAgesPerContext + 5;
        builder.Get("c1", beyond).Should().NotBeSameAs(builder.Get("c1", beyond), "the cache is full");
        builder.Get("c1", 0).Should().BeSameAs(builder.Get("c1", 0));
    }

    [Test]
    public void Concurrent_gets_return_one_instance_per_max_age()
    {
        var builder = Valid(ChallengeFormat.Both);
        var seen = new System.Collections.Concurrent.ConcurrentBag<StepUpChallenge>();
        Parallel.For(0, 200, i => seen.Add(builder.Get("c2", 120)));
        seen.Distinct().Should().HaveCount(1);
    }

    [TestCase("c0")]
    [TestCase("c100")]
    [TestCase("c01")]
    [TestCase("C1")]
    [TestCase("x1")]
    [TestCase("c1\r\nX-Injected: 1")]
    public void Get_refuses_what_is_not_a_context_id(string id) =>
        FluentActions.Invoking(() => Valid(ChallengeFormat.Entra).Get(id, null)).Should().Throw<ArgumentException>();

    [Test]
    public void Get_refuses_a_negative_max_age() =>
        FluentActions.Invoking(() => Valid(ChallengeFormat.Rfc9470).Get("c1", -1)).Should().Throw<ArgumentOutOfRangeException>();

    // --- validation: nothing unsafe reaches a header ---

    [TestCase("https://login.microsoftonline.com/common/oauth2/authorize\r\nSet-Cookie: a=b")]
    [TestCase("https://login.microsoftonline.com/common\"/oauth2")]
    [TestCase("https://login.microsoftonline.com/common\\oauth2")]
    [TestCase("https://login.example.com/a b")]
    [TestCase("https://lögin.example.com/")]
    [TestCase("http://login.microsoftonline.com/common/oauth2/authorize")]
    [TestCase("ftp://login.example.com/")]
    [TestCase("/relative/authorize")]
    [TestCase("https://user:pass@login.example.com/")]
    [TestCase("https://login.example.com/#fragment")]
    [TestCase("")]
    public void An_unsafe_or_unusable_authorization_uri_is_rejected(string uri) =>
        Rejected(s => s.AuthorizationUri = uri, ChallengeBuilder.InvalidAuthorizationUriCode, Path + ":authorizationUri");

    [TestCase("http://localhost:5001/authorize")]
    [TestCase("http://127.0.0.1/authorize")]
    [TestCase("http://[::1]:8080/authorize")]
    [TestCase("https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/authorize")]
    public void Https_and_loopback_http_authorization_uris_are_accepted(string uri)
    {
        var builder = Build(new ProtectedActionsSettings { AuthorizationUri = uri }, out var issues);
        issues.Issues.Should().BeEmpty();
        builder.Get("c1", null).WwwAuthenticate[0].Should().Contain($"authorization_uri=\"{uri}\"");
    }

    [TestCase("realm\r\nX-Injected: 1")]
    [TestCase("realm\n")]
    [TestCase("réalm")]
    [TestCase("tab\there")]
    public void An_unsafe_realm_is_rejected(string realm) =>
        Rejected(s => s.Realm = realm, ChallengeBuilder.InvalidRealmCode, Path + ":realm");

    [TestCase("Step up\r\nX-Injected: 1")]
    [TestCase("has \"quotes\"")]
    [TestCase("back\\slash")]
    [TestCase("naïve")]
    [TestCase("")]
    public void An_error_description_outside_rfc6750_is_rejected(string description) =>
        Rejected(s => s.ErrorDescription = description, ChallengeBuilder.InvalidErrorDescriptionCode, Path + ":errorDescription");

    [Test]
    public void An_overlong_error_description_is_rejected() =>
        Rejected(s => s.ErrorDescription = new string('a', ChallengeBuilder.MaxErrorDescriptionLength + 1), ChallengeBuilder.InvalidErrorDescriptionCode, Path + ":errorDescription");

    [TestCase("acr\r\nX-Injected: 1")]
    [TestCase("my\"ACR")]
    [TestCase("my\\ACR")]
    [TestCase(" leading")]
    [TestCase("trailing ")]
    [TestCase("two  spaces")]
    [TestCase("ünï")]
    [TestCase("")]
    public void Unsafe_acr_values_are_rejected(string acr) =>
        Rejected(s => s.AcrValues["c1"] = acr, ChallengeBuilder.InvalidAcrValuesCode, Path + ":acrValues:c1");

    [Test]
    public void Acr_values_for_an_unconfigured_context_are_rejected() =>
        Rejected(s => s.AcrValues["c42"] = "gold", ChallengeBuilder.UnknownAcrValuesContextCode, Path + ":acrValues:c42");

    [Test]
    public void An_injected_key_is_printed_safely_in_the_path()
    {
        var settings = new ProtectedActionsSettings();
        settings.AcrValues["c1\r\nX: y"] = "gold";
        Build(settings, out var issues);
        issues.Issues.Should().ContainSingle().Which.Path.Should().Be(Path + ":acrValues:c1??X: y");
    }

    [Test]
    public void Settings_in_error_never_reach_a_header()
    {
        var settings = new ProtectedActionsSettings
        {
            ChallengeFormat = ChallengeFormat.Both,
            AuthorizationUri = "https://x/\r\nA: b",
            Realm = "\n",
            ErrorDescription = "\r\n",
        };
        settings.AcrValues["c1"] = "a\nb";
        var builder = Build(settings, out var issues);

        issues.Issues.Should().HaveCount(4);
        builder.Get("c1", 5).WwwAuthenticate.Should().OnlyContain(h => h.All(c => c >= ' ' && c <= '~'));
    }

    private static void Rejected(Action<ProtectedActionsSettings> configure, string code, string path)
    {
        var settings = new ProtectedActionsSettings();
        configure(settings);
        Build(settings, out var issues);
        issues.HasErrors.Should().BeTrue();
        issues.Issues.Should().ContainSingle().Which.Should().Match<ConfigurationIssue>(i => i.Code == code && i.Path == path);
        issues.Issues[0].Message.Should().NotContain("\r").And.NotContain("\n");
    }
}

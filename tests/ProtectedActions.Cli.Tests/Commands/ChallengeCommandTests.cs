using System.Text;

namespace ProtectedActions.Cli.Tests.Commands;

public class ChallengeCommandTests
{
    [Test]
    public void The_entra_challenge_for_a_context_is_printed_with_its_claims()
    {
        var r = Cli.Run("challenge", "--context", "c7");

        r.Exit.Should().Be(0, r.ToString());
        var lines = r.Out.TrimEnd('\n').Split('\n');
        lines[0].Should().StartWith("WWW-Authenticate: Bearer ").And.Contain("error=\"insufficient_claims\"");
        var claims = lines[0].Split("claims=\"")[1].TrimEnd('"');
        Encoding.UTF8.GetString(Convert.FromBase64String(claims)).Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c7\"}}}");
        lines[1].Should().Be("claims: {\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c7\"}}}");
    }

    [Test]
    public void The_authorization_uri_comes_from_the_configuration_when_given()
    {
        using var temp = new TempFolder();
        var config = temp.Write("c.json", """{ "settings": { "authorizationUri": "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/authorize", "trustedTenantIds": [ "00000000-0000-0000-0000-00000000c0de" ], "allowEmptyConfiguration": true } }""");

        var r = Cli.Run("challenge", "--context", "c1", "--config", config);

        r.Exit.Should().Be(0, r.ToString());
        r.Out.Should().Contain("authorization_uri=\"https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/authorize\"");
    }

    [TestCase("0")]
    [TestCase("3600")]
    [TestCase("82800")]
    [TestCase("86400")]
    [TestCase("31536000")]
    public void Max_ages_a_sign_in_frequency_can_produce_are_accepted(string maxAge)
    {
        Cli.Run("challenge", "--context", "c1", "--max-age", maxAge).Exit.Should().Be(0);
    }

    [TestCase("1")]
    [TestCase("300")]
    [TestCase("90000")]
    [TestCase("31622400")]
    [TestCase("2147483647")]
    public void Any_other_number_of_seconds_is_a_valid_max_age(string maxAge)
    {
        var r = Cli.Run("challenge", "--context", "c1", "--max-age", maxAge, "--format", "rfc9470");

        r.Exit.Should().Be(0);
        r.Out.Should().Contain($"max_age=\"{maxAge}\"");
    }

    [TestCase("-1")]
    [TestCase("+300")]
    [TestCase("3.5")]
    [TestCase("2147483648")]
    [TestCase("soon")]
    public void Other_max_ages_exit_2(string maxAge)
    {
        var r = Cli.Run("challenge", "--context", "c1", "--max-age", maxAge);

        r.Exit.Should().Be(2);
        r.Err.Should().Contain("--max-age must be a non-negative whole number of seconds");
    }

    [TestCase(new[] { "challenge" }, "option --context is required")]
    [TestCase(new[] { "challenge", "--context", "c100" }, "'c100' is not an authentication context id")]
    [TestCase(new[] { "challenge", "--context", "c1\r\nX-Injected: 1" }, "is not an authentication context id")]
    [TestCase(new[] { "challenge", "--context", "c1", "--format", "basic" }, "--format must be one of: entra, rfc9470, both")]
    [TestCase(new[] { "challenge", "--parse", "Bearer", "--context", "c1" }, "--parse cannot be combined")]
    public void Bad_arguments_exit_2(string[] args, string message)
    {
        var r = Cli.Run(args);

        r.Exit.Should().Be(2);
        r.Out.Should().BeEmpty();
        r.Err.Should().Contain(message).And.NotContain("\r").And.NotContain("X-Injected: 1\n");
    }
}

public class ChallengeFormatAndParseTests
{
    [Test]
    public void Rfc9470_format_prints_acr_values_and_max_age_and_no_claims()
    {
        var r = Cli.Run("challenge", "--context", "c3", "--max-age", "3600", "--format", "rfc9470");

        r.Exit.Should().Be(0, r.ToString());
        r.Out.Should().Be("WWW-Authenticate: Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"c3\", max_age=\"3600\"\n");
    }

    [Test]
    public void Both_formats_print_two_headers_and_the_claims()
    {
        var lines = Cli.Run("challenge", "--context", "c1", "--format", "both").Out.TrimEnd('\n').Split('\n');

        lines.Should().HaveCount(3);
        lines[0].Should().Contain("error=\"insufficient_claims\"");
        lines[1].Should().Contain("error=\"insufficient_user_authentication\"");
        lines[2].Should().StartWith("claims: ");
    }

    [Test]
    public void Acr_values_for_the_context_come_from_the_configuration()
    {
        using var temp = new TempFolder();
        var config = temp.Write("c.json", """
            { "authenticationContexts": [ { "id": "c1" }, { "id": "c2" } ],
              "settings": { "challengeFormat": "rfc9470", "acrValues": { "c1": "urn:contoso:phr", "c2": "urn:contoso:other" }, "trustedTenantIds": [ "00000000-0000-0000-0000-00000000c0de" ], "allowEmptyConfiguration": true } }
            """);

        var r = Cli.Run("challenge", "--context", "c1", "--config", config);

        r.Exit.Should().Be(0, r.ToString());
        r.Out.Should().Contain("acr_values=\"urn:contoso:phr\"").And.NotContain("insufficient_claims");
    }

    [Test]
    public void Parse_reads_back_what_the_challenge_command_writes()
    {
        var written = Cli.Run("challenge", "--context", "c5", "--max-age", "0", "--format", "both").Out.Split('\n');
        var value = written[0]["WWW-Authenticate: ".Length..] + ", " + written[1]["WWW-Authenticate: ".Length..];

        var r = Cli.Run("challenge", "--parse", value);

        r.Exit.Should().Be(0, r.ToString());
        r.Out.Should().Contain("challenge 1: Bearer\n  step-up: Entra claims challenge")
            .And.Contain("  claims (pass to MSAL WithClaims): {\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c5\"}}}\n")
            .And.Contain("challenge 2: Bearer\n  step-up: RFC 9470")
            .And.Contain("  acr_values: c5\n")
            .And.Contain("  max_age: 0 seconds\n")
            .And.Contain("  parameter realm: \"\"\n");
    }

    [Test]
    public void Parse_says_when_a_challenge_is_not_a_step_up()
    {
        var r = Cli.Run("challenge", "--parse", "Basic realm=\"files\"");

        r.Exit.Should().Be(0);
        r.Out.Should().Be("challenge 1: Basic\n  step-up: none (not a step-up challenge)\n  parameter realm: files\n");
    }

    [TestCase("Bearer error=\"x")]
    [TestCase("")]
    [TestCase("Bearer error=\"insufficient_claims\", claims=\"%%%\"")]
    public void Parse_of_a_malformed_value_exits_2(string value)
    {
        var r = Cli.Run("challenge", "--parse", value);

        r.Exit.Should().Be(2);
        r.Err.Should().StartWith("protected-actions challenge: the value is not a well-formed WWW-Authenticate challenge: ");
    }
}

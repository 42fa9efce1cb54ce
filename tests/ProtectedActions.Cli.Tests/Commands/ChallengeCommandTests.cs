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
        var config = temp.Write("c.json", """{ "settings": { "authorizationUri": "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/authorize" } }""");

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

    [TestCase("300")]
    [TestCase("-1")]
    [TestCase("90000")]
    [TestCase("31622400")]
    [TestCase("soon")]
    public void Other_max_ages_exit_2(string maxAge)
    {
        var r = Cli.Run("challenge", "--context", "c1", "--max-age", maxAge);

        r.Exit.Should().Be(2);
        r.Err.Should().Contain("--max-age must be a sign-in frequency in seconds");
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

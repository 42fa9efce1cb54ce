using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using ProtectedActions.Samples.IdentityProvider;
using ProtectedActions.Samples.WebApi.Identity;

namespace ProtectedActions.EndToEnd.Tests;

/// <summary>The development identity provider over HTTP on 127.0.0.1: the protocol rules, no browser needed.</summary>
[NonParallelizable]
public sealed class IdentityProviderProtocolTests
{
    private DevelopmentIdentityProvider _provider = null!;
    private DevelopmentIdentityProvider _loa = null!;
    private DevelopmentIdentityProvider _broken = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _provider = await SampleIdentityProvider.StartAsync();
        _loa = await SampleIdentityProvider.StartAsync(IdentityProviderMode.LevelOfAssurance);
        _broken = await SampleIdentityProvider.StartAsync(IdentityProviderMode.Misconfigured);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _provider.DisposeAsync();
        await _loa.DisposeAsync();
        await _broken.DisposeAsync();
    }

    [Test]
    public void Refuses_to_start_on_a_non_loopback_address()
    {
        var options = SampleIdentityProvider.CreateOptions();
        options.Address = IPAddress.Any;
        var start = () => DevelopmentIdentityProvider.StartAsync(options);
        start.Should().ThrowAsync<InvalidOperationException>().Result.WithMessage("*loopback*");
    }

    [Test]
    public async Task Attacker_authorize_without_PKCE_gets_no_code()
    {
        using var client = new ProtocolClient(_provider);
        using var response = await client.Http.GetAsync(new Uri(client.AuthorizeUrl([])));
        var location = response.Headers.Location?.OriginalString ?? "";
        location.Should().NotContain("code=").And.NotContain("/account/login");
        if (location.Length > 0)
        {
            QueryHelpers.ParseQuery(new Uri(location).Query)["error"].ToString().Should().Be("invalid_request");
        }
        else
        {
            ((int)response.StatusCode).Should().Be(400);
        }
    }

    [Test]
    public async Task Attacker_code_with_a_wrong_or_missing_verifier_is_refused()
    {
        using var client = new ProtocolClient(_provider);
        var verifier = ProtocolClient.Verifier();
        var redirect = await client.AuthorizeThroughLoginAsync(client.AuthorizeUrl(new()
        {
            ["code_challenge"] = ProtocolClient.Challenge(verifier), ["code_challenge_method"] = "S256",
        }));
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
        code.Should().NotBeEmpty();

        var (wrong, body) = await client.RedeemAsync(code, ProtocolClient.Verifier());
        wrong.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain("invalid_grant");
        var (missing, _) = await client.RedeemAsync(code, null);
        missing.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Attacker_login_form_never_redirects_off_site()
    {
        using var client = new ProtocolClient(_provider);
        foreach (var returnUrl in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example/", "http:/evil" })
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["returnUrl"] = returnUrl, ["username"] = "alice", ["password"] = _provider.Options.DemoPassword, ["method"] = "pwd",
            });
            using var response = await client.Http.PostAsync(new Uri(_provider.Address + "/account/login"), form);
            response.Headers.Location!.OriginalString.Should().Be("/", returnUrl + " is not a local URL");
        }
    }

    [Test]
    public async Task Attacker_wrong_password_gets_no_session()
    {
        using var client = new IdentityProviderClient(_provider);
        var result = await client.SignInAsync(new IdentityProviderSignIn { UserName = "alice", Password = "guess", Method = SignInMethods.Fido2 });
        result.AccessToken.Should().BeNull();
        result.Error.Should().Be("login_failed");
    }

    [Test]
    public async Task Locked_out_user_login_page_names_the_required_context_and_offers_FIDO2()
    {
        using var client = new ProtocolClient(_provider);
        var url = client.AuthorizeUrl(new()
        {
            ["code_challenge"] = ProtocolClient.Challenge(ProtocolClient.Verifier()), ["code_challenge_method"] = "S256",
            ["claims"] = "{\"id_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}",
        });
        await client.AuthorizeThroughLoginAsync(url); // signed in with a password: c1 not earned
        using var again = await client.Http.GetAsync(new Uri(url));
        var login = new Uri(new Uri(url), again.Headers.Location!);
        login.AbsolutePath.Should().Be("/account/login");
        var page = await client.Http.GetStringAsync(login);
        page.Should().Contain("Privileged directory changes (c1)").And.Contain("value=\"fido\"");
    }

    [Test]
    public async Task Claims_in_the_id_token_request_are_issued_in_both_tokens_only_when_satisfied()
    {
        const string claims = "{\"id_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
        using var weak = new IdentityProviderClient(_provider);
        (await weak.SignInAsync(new() { UserName = "alice", Method = SignInMethods.PasswordAndMfa, Claims = claims })).Error.Should().Be("step_up_not_satisfied");

        using var strong = new IdentityProviderClient(_provider);
        var result = await strong.SignInAsync(new() { UserName = "alice", Method = SignInMethods.Fido2, Claims = claims });
        Acrs(result.IdToken).Should().Equal("c1");
        Acrs(result.AccessToken).Should().Equal("c1");
    }

    [Test]
    public async Task Prompt_login_forces_a_fresh_sign_in_even_with_a_session()
    {
        using var client = new IdentityProviderClient(_provider);
        var first = await client.SignInAsync(new() { UserName = "alice", Method = SignInMethods.Fido2, SessionAgeSeconds = 600 });
        var reused = await client.SignInAsync(new() { UserName = "alice", Method = SignInMethods.Fido2 });
        reused.LoginPagesShown.Should().Be(0, "the session is reused");
        AuthTime(reused.AccessToken).Should().Be(AuthTime(first.AccessToken));

        var forced = await client.SignInAsync(new() { UserName = "alice", Method = SignInMethods.Fido2, Prompt = "login" });
        forced.LoginPagesShown.Should().Be(1);
        AuthTime(forced.AccessToken).Should().BeGreaterThan(AuthTime(first.AccessToken) + 500);
    }

    [Test]
    public async Task Prompt_none_without_a_session_is_login_required()
    {
        using var client = new IdentityProviderClient(_provider);
        var result = await client.SignInAsync(new() { UserName = "alice", Prompt = "none" });
        result.Error.Should().Be("login_required");
        result.LoginPagesShown.Should().Be(0);
    }

    [Test]
    public async Task Refresh_token_keeps_the_sign_in_facts()
    {
        using var client = new IdentityProviderClient(_provider);
        var first = await client.SignInAsync(new() { UserName = "alice", Method = SignInMethods.Fido2, Claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}" });
        first.RefreshToken.Should().NotBeNull();
        var refreshed = await client.RefreshAsync(first.RefreshToken!);
        refreshed.Error.Should().BeNull();
        Acrs(refreshed.AccessToken).Should().Equal("c1");
        AuthTime(refreshed.AccessToken).Should().Be(AuthTime(first.AccessToken));
    }

    [TestCase(SignInMethods.Password, null, "1")]
    [TestCase(SignInMethods.PasswordAndMfa, null, "2")]
    [TestCase(SignInMethods.PasswordAndMfa, "2", "2")]
    [TestCase(SignInMethods.Fido2, "2", "2")]
    [TestCase(SignInMethods.Password, "1", "1")]
    public async Task Level_of_assurance_mode_issues_the_level_of_the_method(string method, string? acrValues, string acr)
    {
        using var client = new IdentityProviderClient(_loa);
        var result = await client.SignInAsync(new() { UserName = "alice", Method = method, AcrValues = acrValues });
        new JsonWebToken(result.AccessToken).GetPayloadValue<string>("acr").Should().Be(acr);
        new JsonWebToken(result.IdToken).GetPayloadValue<string>("acr").Should().Be(acr);
    }

    [Test]
    public async Task Level_of_assurance_mode_asks_a_password_session_to_step_up_for_acr_values_2()
    {
        using var client = new IdentityProviderClient(_loa);
        var password = await client.SignInAsync(new() { UserName = "alice", Method = SignInMethods.Password });
        new JsonWebToken(password.AccessToken).GetPayloadValue<string>("acr").Should().Be("1");

        var stepped = await client.SignInAsync(new() { UserName = "alice", Method = SignInMethods.PasswordAndMfa, AcrValues = "2" });
        stepped.LoginPagesShown.Should().Be(1, "the password session does not reach level 2");
        new JsonWebToken(stepped.AccessToken).GetPayloadValue<string>("acr").Should().Be("2");
        AuthTime(stepped.AccessToken).Should().BeGreaterThanOrEqualTo(AuthTime(password.AccessToken));

        using var stubborn = new IdentityProviderClient(_loa);
        (await stubborn.SignInAsync(new() { UserName = "alice", Method = SignInMethods.Password, AcrValues = "2" })).Error.Should().Be("step_up_not_satisfied");
    }

    [Test]
    public async Task Misconfigured_mode_issues_acr_1_whatever_is_asked()
    {
        using var client = new IdentityProviderClient(_broken);
        var result = await client.SignInAsync(new() { UserName = "alice", Method = SignInMethods.Fido2, AcrValues = "2" });
        new JsonWebToken(result.AccessToken).GetPayloadValue<string>("acr").Should().Be("1");
        AuthTime(result.AccessToken).Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60, "a fresh sign-in happened");
    }

    private static string[] Acrs(string? token) => new JsonWebToken(token).Claims.Where(c => c.Type == "acrs").Select(c => c.Value).ToArray();

    private static long AuthTime(string? token) => new JsonWebToken(token).GetPayloadValue<long>("auth_time");
}

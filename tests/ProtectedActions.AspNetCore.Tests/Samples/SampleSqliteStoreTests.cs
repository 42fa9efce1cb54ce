using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.Samples.IdentityProvider;
using ProtectedActions.Samples.WebApi.Api;
using ProtectedActions.Samples.WebApi.Directory;
using ProtectedActions.Samples.WebApi.Identity;
using ProtectedActions.Samples.WebApi.Store;

namespace ProtectedActions.AspNetCore.Tests.Samples;

/// <summary>The sample run with <c>--store sqlite</c>: a local SQLite file, the management API, changes without a restart.</summary>
[NonParallelizable]
public sealed class SampleSqliteStoreTests
{
    private const string C1Essential = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
    private const string ClientCapable = "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}";
    private const string C1AndClientCapable = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"},\"xms_cc\":{\"values\":[\"cp1\"]}}}";
    private const string Approve = "contoso.billing/invoices/approve";
    private DevelopmentIdentityProvider _provider = null!;
    private TempFolder _folder = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _provider = await SampleIdentityProvider.StartAsync();
        _folder = new TempFolder();
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
    }

    [TearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private string DatabaseFile => Path.Combine(_folder.Path, "protected-actions.db");

    private async Task<WebApplication> StartApiAsync()
    {
        var api = await SampleSqliteStore.BuildAsync(_provider.Issuer, DatabaseFile);
        await api.StartAsync();
        return api;
    }

    private async Task<string> TokenAsync(string user, string method, string? claims = null)
    {
        using var client = new IdentityProviderClient(_provider);
        var result = await client.SignInAsync(new IdentityProviderSignIn { UserName = user, Method = method, Claims = claims });
        result.AccessToken.Should().NotBeNull(result.Error);
        return result.AccessToken!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token, string? json = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> AssignAsync(WebApplication api, string token, string context)
    {
        var admin = SampleApi.AddressOf(api) + SampleSqliteStore.ManagementPrefix;
        using var list = await SendAsync(HttpMethod.Get, admin + "/permissions", token);
        list.StatusCode.Should().Be(HttpStatusCode.OK);
        var etag = list.Headers.ETag!.ToString();
        return await SendAsync(HttpMethod.Put, admin + "/permissions/" + Approve, token, "{\"authenticationContextId\":\"" + context + "\"}", etag);
    }

    private Task<HttpResponseMessage> ApproveAsync(WebApplication api, string token) =>
        SendAsync(HttpMethod.Post, SampleApi.AddressOf(api) + "/api/invoices/1042/approve", token);

    private static string? ClaimsChallenge(HttpResponseMessage response) =>
        Microsoft.Identity.Client.WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(response.Headers);

    [Test]
    public async Task First_run_seeds_the_sample_tenant_from_the_embedded_configuration()
    {
        await using var api = await StartApiAsync();
        var stored = await api.Services.GetRequiredService<IProtectedActionsConfigurationManager>().ReadAsync(SampleDirectory.TenantId);

        stored.Should().NotBeNull();
        stored!.Document.ProtectedActions.Should().Contain(a => a.Permission == Approve && a.AuthenticationContextId == "c3");
        stored.Document.Settings.TrustedIssuers.Should().Equal(_provider.Issuer);
        using var ok = await ApproveAsync(api, await TokenAsync("bob", SignInMethods.PasswordAndMfa, ClientCapable));
        ok.StatusCode.Should().Be(HttpStatusCode.OK, "c3 asks for MFA, which bob has");
    }

    [Test]
    public async Task Locked_out_user_an_assignment_changed_through_the_management_API_takes_effect_within_2_seconds_with_the_new_challenge()
    {
        await using var api = await StartApiAsync();
        var bob = await TokenAsync("bob", SignInMethods.PasswordAndMfa, ClientCapable);
        using (var before = await ApproveAsync(api, bob))
        {
            before.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var write = await AssignAsync(api, await TokenAsync("alice", SignInMethods.Fido2, C1AndClientCapable), "c2"))
        {
            write.StatusCode.Should().Be(HttpStatusCode.OK, await write.Content.ReadAsStringAsync());
        }

        HttpResponseMessage? last = null;
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(2))
        {
            last?.Dispose();
            last = await ApproveAsync(api, bob);
            if (last.StatusCode != HttpStatusCode.OK)
            {
                break;
            }

            await Task.Delay(50);
        }

        using (last)
        {
            last!.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "c2 (a compliant workstation) now guards invoice approval, without a restart");
            ClaimsChallenge(last).Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c2\"}}}",
                "the user sees the way to satisfy the new assignment");
        }
    }

    [Test]
    public async Task A_restart_keeps_the_managed_assignment_and_points_the_issuer_at_the_new_provider()
    {
        await using (var first = await StartApiAsync())
        {
            using var write = await AssignAsync(first, await TokenAsync("alice", SignInMethods.Fido2, C1AndClientCapable), "c2");
            write.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await _provider.DisposeAsync();
        _provider = await SampleIdentityProvider.StartAsync(); // a new port, so a new issuer URL
        await using var second = await StartApiAsync();
        var stored = await second.Services.GetRequiredService<IProtectedActionsConfigurationManager>().ReadAsync(SampleDirectory.TenantId);
        stored!.Document.ProtectedActions.Should().Contain(a => a.Permission == Approve && a.AuthenticationContextId == "c2", "the seed runs only on the first run");
        stored.Document.Settings.TrustedIssuers.Should().Equal(_provider.Issuer);
        using var denied = await ApproveAsync(second, await TokenAsync("bob", SignInMethods.PasswordAndMfa, ClientCapable));
        denied.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ClaimsChallenge(denied).Should().Contain("c2");
    }

    [Test]
    public async Task Attacker_a_user_without_an_administrator_role_cannot_change_an_assignment()
    {
        await using var api = await StartApiAsync();
        var bob = await TokenAsync("bob", SignInMethods.PasswordAndMfa, ClientCapable);
        var admin = SampleApi.AddressOf(api) + SampleSqliteStore.ManagementPrefix;

        using var put = await SendAsync(HttpMethod.Put, admin + "/permissions/" + Approve, bob, "{\"authenticationContextId\":\"c1\"}", "\"v1\"");

        put.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var stored = await api.Services.GetRequiredService<IProtectedActionsConfigurationManager>().ReadAsync(SampleDirectory.TenantId);
        stored!.Version.Should().Be(1, "nothing was written");
    }

    [Test]
    public async Task Attacker_the_administrator_without_the_step_up_gets_the_c1_challenge_and_changes_nothing()
    {
        await using var api = await StartApiAsync();
        var alice = await TokenAsync("alice", SignInMethods.PasswordAndMfa, ClientCapable);

        using var put = await AssignAsync(api, alice, "c2");

        put.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ClaimsChallenge(put).Should().Be(C1Essential);
        var stored = await api.Services.GetRequiredService<IProtectedActionsConfigurationManager>().ReadAsync(SampleDirectory.TenantId);
        stored!.Version.Should().Be(1);
    }
}

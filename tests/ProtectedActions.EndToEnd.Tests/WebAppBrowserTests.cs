using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using ProtectedActions.Samples.IdentityProvider;
using ProtectedActions.Samples.WebApi.Api;
using ProtectedActions.Samples.WebApi.Directory;
using ProtectedActions.Samples.WebApi.Identity;
using ProtectedActions.Samples.WebApp;

namespace ProtectedActions.EndToEnd.Tests;

/// <summary>The web-app sample and the identity provider in headless Chromium: what a user sees and clicks.</summary>
[NonParallelizable]
public sealed class WebAppBrowserTests
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private DevelopmentIdentityProvider _provider = null!;
    private WebApplication _entraApp = null!;
    private WebApplication _rfcApp = null!;
    private WebApplication _api = null!;
    private WebApplication _apiCallingApp = null!; // own instance: the library's no-loop memory stays per app

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _provider = await SampleIdentityProvider.StartAsync();
        _api = SampleWebApp.BuildApi(_provider);
        await _api.StartAsync();
        _entraApp = await SampleWebApp.StartAsync(_provider);
        _apiCallingApp = await SampleWebApp.StartAsync(_provider, api: new Uri(SampleApi.AddressOf(_api) + "/"));
        _rfcApp = await SampleWebApp.StartAsync(_provider, [new("ProtectedActions:Settings:ChallengeFormat", "Rfc9470")]);
    }

    [SetUp]
    public async Task LaunchAsync()
    {
        if (_browser is null)
        {
            (_playwright, _browser) = await Browser.LaunchOrSkipAsync();
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _entraApp.DisposeAsync();
        await _rfcApp.DisposeAsync();
        await _apiCallingApp.DisposeAsync();
        await _api.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Test]
    public async Task Password_sign_in_then_approving_an_invoice_steps_up_to_c1_with_FIDO2_and_succeeds()
    {
        var (page, authorizeRequests) = await NewPageAsync();
        await SignInAsync(page, SampleWebApp.AddressOf(_entraApp), SignInMethods.Password);
        (await page.TextContentAsync("#user")).Should().Contain("methods: pwd");
        await Browser.ShotAsync(page, "1-signed-in-with-password");

        authorizeRequests.Clear();
        await page.ClickAsync("#approve");
        await page.WaitForSelectorAsync("#required");
        await Browser.ShotAsync(page, "2-provider-asks-for-c1");
        var authorize = authorizeRequests.Should().ContainSingle().Subject;
        using (var claims = JsonDocument.Parse(QueryHelpers.ParseQuery(authorize.Query)["claims"].ToString()))
        {
            var acrs = claims.RootElement.GetProperty("id_token").GetProperty("acrs");
            acrs.GetProperty("essential").GetBoolean().Should().BeTrue();
            acrs.GetProperty("value").GetString().Should().Be("c1");
        }

        QueryHelpers.ParseQuery(authorize.Query)["login_hint"].ToString().Should().NotBeEmpty("the web app passes the signed-in user on");
        (await page.TextContentAsync("#required")).Should().Contain("(c1)");
        (await page.InputValueAsync("#username")).Should().Be("alice@contoso.example", "the login hint prefills the user");

        await LogInAsync(page, SignInMethods.Fido2, userName: null);
        await page.WaitForSelectorAsync("#approve-button");
        new Uri(page.Url).AbsolutePath.Should().Be("/Invoices/Approve", "the user is back on the page that asked");
        await Browser.ShotAsync(page, "3-back-on-the-page");
        await page.ClickAsync("#approve-button");
        await page.WaitForSelectorAsync("#approved");
        await Browser.ShotAsync(page, "4-approved");
        (await page.TextContentAsync("#approved")).Should().Contain("approved");
    }

    [Test]
    public async Task Rfc9470_web_app_asks_with_acr_values_and_the_user_gets_through_with_FIDO2()
    {
        var (page, authorizeRequests) = await NewPageAsync();
        await SignInAsync(page, SampleWebApp.AddressOf(_rfcApp), SignInMethods.Password);
        authorizeRequests.Clear();
        await page.ClickAsync("#approve");
        await page.WaitForSelectorAsync("#required");
        await Browser.ShotAsync(page, "1-provider-asks-for-c1");
        var query = QueryHelpers.ParseQuery(authorizeRequests.Should().ContainSingle().Subject.Query);
        query["acr_values"].ToString().Should().Be("c1");
        query.Should().NotContainKey("claims");

        await LogInAsync(page, SignInMethods.Fido2);
        await page.ClickAsync("#approve-button");
        await page.WaitForSelectorAsync("#approved");
        await Browser.ShotAsync(page, "2-approved");
    }

    [Test]
    public async Task A_fetch_from_the_page_gets_401_with_a_stepUpUrl_that_leads_through_the_provider()
    {
        var (page, _) = await NewPageAsync();
        var app = SampleWebApp.AddressOf(_entraApp);
        await SignInAsync(page, app, SignInMethods.Password);
        await page.ClickAsync("#fetch-approve");
        await page.WaitForSelectorAsync("#step-up-link");
        await Browser.ShotAsync(page, "1-fetch-got-401");
        var result = await page.TextContentAsync("#fetch-result");
        result.Should().StartWith("401 stepUpUrl=/protected-actions/step-up?").And.Contain("context=c1");

        await page.ClickAsync("#step-up-link");
        await page.WaitForSelectorAsync("#required");
        await Browser.ShotAsync(page, "2-provider-asks-for-c1");
        await LogInAsync(page, SignInMethods.Fido2);
        await page.WaitForSelectorAsync("#fetch-approve");
        await page.ClickAsync("#fetch-approve");
        await page.WaitForFunctionAsync("document.getElementById('fetch-result').textContent.startsWith('200')");
        await Browser.ShotAsync(page, "3-fetch-succeeds");
    }

    [Test]
    public async Task A_personal_laptop_gets_the_denied_page_and_no_step_up()
    {
        var (page, authorizeRequests) = await NewPageAsync();
        await SignInAsync(page, SampleWebApp.AddressOf(_entraApp), SignInMethods.Fido2, SampleDirectory.PersonalLaptopId);
        authorizeRequests.Clear();
        await page.ClickAsync("#bank-account");
        await page.WaitForSelectorAsync("#denied");
        await Browser.ShotAsync(page, "1-denied");
        authorizeRequests.Should().BeEmpty("signing in again cannot make the laptop compliant");
    }

    [Test]
    public async Task The_compliant_workstation_gets_the_bank_account_page()
    {
        var (page, _) = await NewPageAsync();
        await SignInAsync(page, SampleWebApp.AddressOf(_entraApp), SignInMethods.Fido2, SampleDirectory.CompliantWorkstationId);
        await page.ClickAsync("#bank-account");
        await page.WaitForSelectorAsync("#bank-account-page");
        await Browser.ShotAsync(page, "1-allowed");
    }

    [Test]
    public async Task Locked_out_user_on_the_Blazor_page_is_sent_to_the_provider_for_c1_and_approves_after_FIDO2()
    {
        var (page, authorizeRequests) = await NewPageAsync();
        await SignInAsync(page, SampleWebApp.AddressOf(_apiCallingApp), SignInMethods.Password);
        await page.ClickAsync("#blazor-approve-link");
        await page.WaitForSelectorAsync("#blazor-approve");
        await Browser.ShotAsync(page, "1-blazor-page");

        authorizeRequests.Clear();
        await page.ClickAsync("#blazor-approve");
        await page.WaitForSelectorAsync("#required");
        await Browser.ShotAsync(page, "2-provider-asks-for-c1");
        new Uri(page.Url).Port.Should().Be(new Uri(_provider.Issuer).Port, "a password session is sent away, never shown the approval");
        var query = QueryHelpers.ParseQuery(authorizeRequests.Should().ContainSingle().Subject.Query);
        using (var claims = JsonDocument.Parse(query["claims"].ToString()))
        {
            claims.RootElement.GetProperty("id_token").GetProperty("acrs").GetProperty("value").GetString().Should().Be("c1");
        }

        (await page.TextContentAsync("#required")).Should().Contain("(c1)");
        await LogInAsync(page, SignInMethods.Fido2, userName: null);
        await page.WaitForSelectorAsync("#blazor-approve");
        new Uri(page.Url).AbsolutePath.Should().Be("/blazor/approve-invoice", "the navigator returns to the Blazor page");
        await Browser.ShotAsync(page, "3-back-on-the-blazor-page");

        authorizeRequests.Clear();
        await page.ClickAsync("#blazor-approve");
        await page.WaitForSelectorAsync("#blazor-approved");
        await Browser.ShotAsync(page, "4-approved");
        authorizeRequests.Should().BeEmpty("the stepped-up session satisfies c1");
    }

    [Test]
    public async Task Locked_out_user_on_the_API_page_is_challenged_for_the_APIs_context_and_the_call_succeeds_after_FIDO2()
    {
        var (page, authorizeRequests) = await NewPageAsync();
        await SignInAsync(page, SampleWebApp.AddressOf(_apiCallingApp), SignInMethods.Password);
        await page.ClickAsync("#api-approve-link");
        await page.WaitForSelectorAsync("#api-approve");
        await Browser.ShotAsync(page, "1-api-page");

        authorizeRequests.Clear();
        await page.ClickAsync("#api-approve");
        await page.WaitForSelectorAsync("#required");
        await Browser.ShotAsync(page, "2-provider-asks-for-the-apis-context");
        var query = QueryHelpers.ParseQuery(authorizeRequests.Should().ContainSingle().Subject.Query);
        using (var claims = JsonDocument.Parse(query["claims"].ToString()))
        {
            // The API's own claims challenge, passed on as the API sent it (an access-token request for c3).
            claims.RootElement.GetProperty("access_token").GetProperty("acrs").GetProperty("value").GetString().Should().Be("c3");
        }

        (await page.TextContentAsync("#required")).Should().Contain("(c3)");
        await LogInAsync(page, SignInMethods.Fido2, userName: null);
        await page.WaitForSelectorAsync("#api-approve");
        new Uri(page.Url).AbsolutePath.Should().Be("/Api/ApproveInvoice", "the challenge returns to the page that posted");
        await Browser.ShotAsync(page, "3-back-on-the-api-page");

        authorizeRequests.Clear();
        await page.ClickAsync("#api-approve");
        await page.WaitForSelectorAsync("#api-result");
        await Browser.ShotAsync(page, "4-api-result");
        (await page.TextContentAsync("#api-result")).Should().StartWith("200 ").And.Contain("\"approved\":1042");
        authorizeRequests.Should().BeEmpty("the new access token carries c3");
    }

    [Test]
    public async Task Attacker_post_to_the_API_page_without_the_forms_antiforgery_token_never_reaches_the_API()
    {
        var (page, _) = await NewPageAsync();
        var app = SampleWebApp.AddressOf(_apiCallingApp);
        await SignInAsync(page, app, SignInMethods.Fido2);
        // A cross-site form carries the victim's cookie but not the page's antiforgery token.
        var response = await page.Context.APIRequest.PostAsync(app + "/Api/ApproveInvoice",
            new APIRequestContextOptions { Form = page.Context.APIRequest.CreateFormData(), MaxRedirects = 0 });
        response.Status.Should().Be(400, "Razor Pages validate the antiforgery token before the handler calls the API");
        (await response.TextAsync()).Should().NotContain("approved");
    }

    private async Task<(IPage Page, List<Uri> AuthorizeRequests)> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        var authorizeRequests = new List<Uri>();
        page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.AbsolutePath == "/connect/authorize" && url.Port == new Uri(_provider.Issuer).Port)
            {
                authorizeRequests.Add(url);
            }
        };
        return (page, authorizeRequests);
    }

    private static async Task SignInAsync(IPage page, string app, string method, string? device = null)
    {
        await page.GotoAsync(app + "/");
        await page.WaitForSelectorAsync("#username");
        await LogInAsync(page, method, device);
        await page.WaitForSelectorAsync("#user");
    }

    private static async Task LogInAsync(IPage page, string method, string? device = null, string? userName = "alice")
    {
        if (userName is not null)
        {
            await page.FillAsync("#username", userName);
        }

        await page.FillAsync("#password", "contoso");
        await page.CheckAsync("#method-" + method);
        await page.CheckAsync("#device-" + (device ?? "none"));
        await page.ClickAsync("#sign-in");
    }
}

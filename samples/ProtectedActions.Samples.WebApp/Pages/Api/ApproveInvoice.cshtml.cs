using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProtectedActions.AspNetCore;

namespace ProtectedActions.Samples.WebApp.Pages.Api;

/// <summary>
/// Approves an invoice through the WebApi sample: the call carries the access token saved in the cookie session and
/// goes through <see cref="StepUpRetryHandler"/>. When the API asks for a stronger sign-in, the handler throws
/// <see cref="StepUpRequiredException"/> and the page turns it into the OpenID Connect challenge; after the round trip
/// the saved token carries the context and the same call succeeds.
/// </summary>
public sealed class ApproveInvoiceModel(IHttpClientFactory httpClientFactory) : PageModel
{
    /// <summary>What the API answered (status and body), once called.</summary>
    public string? Result { get; private set; }

    /// <summary>Whether the web app knows the API's address.</summary>
    public bool ApiConfigured => httpClientFactory.CreateClient(SampleWebApp.ApiClientName).BaseAddress is not null;

    /// <summary>Shows the page.</summary>
    public void OnGet()
    {
    }

    /// <summary>Calls <c>POST /api/invoices/1042/approve</c> on the API.</summary>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(SampleWebApp.ApiClientName);
        if (client.BaseAddress is null)
        {
            Result = "The API's address is not configured.";
            return Page();
        }

        var accessToken = await HttpContext.GetTokenAsync("access_token").ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/invoices/1042/approve");
        if (!string.IsNullOrEmpty(accessToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            Result = (int)response.StatusCode + " " + (body.Length > 500 ? body[..500] : body);
        }
        catch (StepUpRequiredException e)
        {
            // Back to this page (the form's same-origin Referer) after the sign-in; the user approves again.
            await HttpContext.ChallengeForStepUpAsync(e).ConfigureAwait(false);
            return new EmptyResult();
        }

        return Page();
    }
}

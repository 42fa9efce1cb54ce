using System.Net;
using System.Net.Http.Headers;
using ProtectedActions.Challenges;

namespace ProtectedActions;

/// <summary>
/// A <see cref="DelegatingHandler"/> for clients of protected APIs: when a response is <c>401</c> with a step-up
/// challenge (Entra <c>insufficient_claims</c> or RFC 9470 <c>insufficient_user_authentication</c>), it asks the
/// token callback for a token that satisfies the <see cref="StepUpRequirement"/> (for example MSAL's
/// <c>AcquireTokenSilent(...).WithClaims(requirement.Claims)</c>) and sends the request again, <b>once</b>.
/// When the callback has no token, or the retried request is answered with another step-up challenge, it throws
/// <see cref="StepUpRequiredException"/>: it never sends a third request. Any other response, a <c>401</c>
/// without a step-up challenge included, is returned unchanged.
/// </summary>
/// <remarks>
/// The request content is buffered before the first send (at most <see cref="MaxBufferedContentBytes"/>) so
/// that the retry sends the same bytes; the retry is a copy of the request (method, URI, version, headers,
/// options, content) with the new token in <c>Authorization</c>, under the original request's scheme
/// (<c>Bearer</c> when it had none). The new token must be a token68 value (what every JWT is): anything else,
/// a header injection attempt included, is refused with <see cref="StepUpRequiredException"/>.
/// </remarks>
public sealed class StepUpRetryHandler : DelegatingHandler
{
    /// <summary>The longest token accepted from the callback (64 KiB).</summary>
    public const int MaxTokenLength = 64 * 1024;

    private readonly Func<StepUpRequirement, CancellationToken, Task<string?>> _acquireToken;

    /// <summary>Creates the handler (the inner handler is set by <c>IHttpClientFactory</c> or by the caller).</summary>
    /// <param name="acquireToken">
    /// Returns an access token that satisfies the requirement, or <see langword="null"/> when none can be obtained
    /// without the user (then <see cref="StepUpRequiredException"/> is thrown). Never called more than once per request.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="acquireToken"/> is null.</exception>
    public StepUpRetryHandler(Func<StepUpRequirement, CancellationToken, Task<string?>> acquireToken)
    {
        ArgumentNullException.ThrowIfNull(acquireToken);
        _acquireToken = acquireToken;
    }

    /// <summary>Creates the handler with its inner handler.</summary>
    /// <param name="acquireToken">See <see cref="StepUpRetryHandler(Func{StepUpRequirement, CancellationToken, Task{string}})"/>.</param>
    /// <param name="innerHandler">The handler that sends the requests.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public StepUpRetryHandler(Func<StepUpRequirement, CancellationToken, Task<string?>> acquireToken, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        ArgumentNullException.ThrowIfNull(acquireToken);
        _acquireToken = acquireToken;
    }

    /// <summary>The most request-content bytes buffered for the retry (default 1 MiB); a larger body fails the request before it is sent.</summary>
    public long MaxBufferedContentBytes { get; init; } = 1024 * 1024;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[]? body = null;
        if (request.Content is { } content)
        {
            // Buffered once: the first send and the retry send the same bytes, whatever the content type.
#if NET9_0_OR_GREATER
            await content.LoadIntoBufferAsync(MaxBufferedContentBytes, cancellationToken).ConfigureAwait(false);
#else
            await content.LoadIntoBufferAsync(MaxBufferedContentBytes).ConfigureAwait(false);
#endif
            body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (StepUpOf(response) is not { } requirement)
        {
            return response;
        }

        response.Dispose();
        var token = await _acquireToken(requirement, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(token))
        {
            throw new StepUpRequiredException(requirement);
        }

        if (!IsToken68(token))
        {
            throw new StepUpRequiredException(requirement,
                "The token callback returned a value that cannot be sent in an Authorization header; the request was not retried.");
        }

        using var retry = Copy(request, body, token);
        var second = await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
        if (StepUpOf(second) is { } again)
        {
            second.Dispose();
            throw new StepUpRequiredException(again,
                "The API refused the stepped-up token with another step-up challenge; the request is not retried again.");
        }

        return second;
    }

    private static StepUpRequirement? StepUpOf(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Unauthorized
        && response.Headers.TryGetValues("WWW-Authenticate", out var values)
            ? StepUpRequirement.FromWwwAuthenticate(values)
            : null;

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body, string token)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        copy.Headers.Authorization = new AuthenticationHeaderValue(request.Headers.Authorization?.Scheme ?? "Bearer", token);
        return copy;
    }

    private static bool IsToken68(string value)
    {
        if (value.Length > MaxTokenLength)
        {
            return false;
        }

        var end = value.Length;
        while (end > 1 && value[end - 1] == '=')
        {
            end--;
        }

        for (var i = 0; i < end; i++)
        {
            if (!HeaderText.IsToken68Char(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}

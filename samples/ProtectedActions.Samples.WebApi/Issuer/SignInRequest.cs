namespace ProtectedActions.Samples.WebApi.Issuer;

/// <summary>
/// What a client asks the development issuer for (form fields of <c>POST /token</c>): who signs in, with which
/// methods (<c>amr</c>), from which device, with which client capabilities, and which authentication contexts
/// (<c>claims</c>, <c>acr_values</c>) under which <c>max_age</c>.
/// </summary>
public sealed class SignInRequest
{
    /// <summary>The user's sign-in name (<c>username</c>): <c>alice</c>, <c>bob</c> or <c>breakglass</c>.</summary>
    public required string UserName { get; init; }

    /// <summary>The methods used, as RFC 8176 / Entra <c>amr</c> values (<c>amr</c>, space-separated), e.g. <c>pwd</c>, <c>fido</c>, <c>pwd mfa</c>.</summary>
    public IReadOnlyList<string> Amr { get; init; } = ["pwd"];

    /// <summary>Client capabilities (<c>client_capabilities</c>, space-separated) issued as <c>xms_cc</c>, e.g. <c>cp1</c>.</summary>
    public IReadOnlyList<string> ClientCapabilities { get; init; } = [];

    /// <summary>The device the sign-in comes from (<c>device_id</c>), issued as <c>deviceid</c>.</summary>
    public string? DeviceId { get; init; }

    /// <summary>The OpenID Connect <c>claims</c> request (JSON), as an Entra claims challenge carries it.</summary>
    public string? Claims { get; init; }

    /// <summary>RFC 9470 / OIDC <c>acr_values</c> (space-separated), voluntary.</summary>
    public IReadOnlyList<string> AcrValues { get; init; } = [];

    /// <summary>OIDC <c>max_age</c> in seconds: an older authentication is replaced by a fresh one.</summary>
    public int? MaxAge { get; init; }

    /// <summary>Simulates single sign-on: how many seconds ago the user last authenticated interactively (<c>session_age</c>). Default 0.</summary>
    public int SessionAgeSeconds { get; init; }

    private const int MaxFieldLength = 4096;
    private const int MaxListItems = 8;

    /// <summary>Reads the form; <see langword="null"/> with an error description when a field is invalid.</summary>
    internal static SignInRequest? FromForm(IFormCollection form, out string? error)
    {
        error = null;
        foreach (var field in form)
        {
            if (field.Value.Count > 1 || (field.Value.ToString()?.Length ?? 0) > MaxFieldLength)
            {
                error = $"{field.Key} must appear once and be at most {MaxFieldLength} characters";
                return null;
            }
        }

        var user = form["username"].ToString();
        if (string.IsNullOrEmpty(user))
        {
            error = "username is required";
            return null;
        }

        int? maxAge = null;
        if (form.TryGetValue("max_age", out var m))
        {
            if (!int.TryParse(m.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v))
            {
                error = "max_age must be a non-negative integer";
                return null;
            }

            maxAge = v;
        }

        var sessionAge = 0;
        if (form.TryGetValue("session_age", out var s)
            && !int.TryParse(s.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sessionAge))
        {
            error = "session_age must be a non-negative integer";
            return null;
        }

        var amr = Split(form["amr"].ToString());
        var capabilities = Split(form["client_capabilities"].ToString());
        var acrValues = Split(form["acr_values"].ToString());
        if (amr is null || capabilities is null || acrValues is null)
        {
            error = "amr, client_capabilities and acr_values are lists of at most 8 short tokens (letters, digits, '_', '-')";
            return null;
        }

        return new SignInRequest
        {
            UserName = user,
            Amr = amr.Count == 0 ? ["pwd"] : amr,
            ClientCapabilities = capabilities,
            DeviceId = form.TryGetValue("device_id", out var d) ? d.ToString() : null,
            Claims = form.TryGetValue("claims", out var c) ? c.ToString() : null,
            AcrValues = acrValues,
            MaxAge = maxAge,
            SessionAgeSeconds = sessionAge,
        };
    }

    private static List<string>? Split(string value)
    {
        var items = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (items.Length > MaxListItems)
        {
            return null;
        }

        foreach (var item in items)
        {
            if (item.Length > 32 || !item.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return null;
            }
        }

        return [.. items];
    }
}

using System.Text;
using System.Text.Encodings.Web;

namespace ProtectedActions.Samples.IdentityProvider;

/// <summary>The login page: a plain HTML form (drivable by a browser or by an HttpClient posting the same fields).</summary>
internal static class LoginPage
{
    public static IResult Render(HttpContext http, IdentityProviderOptions options, ContextGrantor grantor, string? error)
    {
        var query = http.Request.HasFormContentType ? null : http.Request.Query;
        var form = http.Request.HasFormContentType ? http.Request.Form : null;
        string Value(string name) => (form?[name] ?? query?[name])?.ToString() ?? "";
        var returnUrl = Value("returnUrl");
        if (!DevelopmentIdentityProvider.IsLocalUrl(returnUrl))
        {
            returnUrl = "/";
        }

        var h = HtmlEncoder.Default;
        var required = (form?["required"] ?? query?["required"] ?? default).Select(r => r ?? "").Where(r => r.Length is > 0 and <= 64).Take(8).ToArray();
        var userName = Value("username") is { Length: > 0 } typed ? typed : Value("login_hint");
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in - development identity provider</title>")
            .Append("<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}fieldset{margin:1em 0}.error{color:#b00}.required{background:#fff4d6;padding:.5em}</style>")
            .Append("</head><body><h1>Contoso sign-in</h1><p><small>Development identity provider on loopback. Users: ")
            .Append(h.Encode(string.Join(", ", options.Users.Select(u => u.UserName))))
            .Append("; password: <code>").Append(h.Encode(options.DemoPassword)).Append("</code>.</small></p>");
        if (required.Length > 0)
        {
            html.Append("<p class=\"required\" id=\"required\">This request needs a stronger sign-in: ");
            html.AppendJoin(", ", required.Select(r => h.Encode(options.Mode == IdentityProviderMode.AuthenticationContexts
                ? grantor.DisplayName(r) + " (" + r + ")"
                : "level of assurance " + r + " (password + MFA or FIDO2)")));
            html.Append(". Choose a method (and device) that satisfies it.</p>");
        }

        if (error is not null)
        {
            html.Append("<p class=\"error\" id=\"error\">").Append(h.Encode(error)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/account/login\">")
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(h.Encode(returnUrl)).Append("\">")
            .Append("<p><label>User name <input name=\"username\" id=\"username\" autocomplete=\"username\" value=\"").Append(h.Encode(userName)).Append("\"></label></p>")
            .Append("<p><label>Password <input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\"></label></p>")
            .Append("<fieldset><legend>How do you sign in?</legend>");
        Radio(html, "method", SignInMethods.Password, "Password", check: true);
        Radio(html, "method", SignInMethods.PasswordAndMfa, "Password + authenticator app (MFA)", check: false);
        Radio(html, "method", SignInMethods.Fido2, "FIDO2 security key (simulated)", check: false);
        html.Append("</fieldset><fieldset><legend>Which device?</legend>");
        Radio(html, "device", "", "No device information", check: true);
        foreach (var device in options.Devices)
        {
            Radio(html, "device", device.DeviceId, device.Label, check: false);
        }

        html.Append("</fieldset><details><summary>Development</summary><p><label>Pretend this sign-in happened ")
            .Append("<input name=\"session_age\" id=\"session_age\" type=\"number\" min=\"0\" max=\"86400\" value=\"0\"> seconds ago</label></p></details>")
            .Append("<p><button type=\"submit\" id=\"sign-in\">Sign in</button></p></form></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static void Radio(StringBuilder html, string name, string value, string label, bool check)
    {
        var h = HtmlEncoder.Default;
        var id = name + "-" + (value.Length == 0 ? "none" : value);
        html.Append("<p><label><input type=\"radio\" name=\"").Append(name).Append("\" id=\"").Append(h.Encode(id)).Append("\" value=\"").Append(h.Encode(value)).Append('"')
            .Append(check ? " checked" : "").Append("> ").Append(h.Encode(label)).Append("</label></p>");
    }
}

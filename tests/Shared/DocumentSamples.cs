using System.Text;

namespace ProtectedActions.TestSupport;

/// <summary>Inputs shared by the document reader tests and the CLI tests that run the same inputs through the tool.</summary>
internal static class DocumentSamples
{
    public const string TemplateId = "c7503427-338e-4c5e-902d-abe252abfb43";

    // As GET /identity/conditionalAccess/templates lists it.
    public const string Template = """
        {
          "name": "Require multifactor authentication for admins",
          "description": "Require multifactor authentication for privileged administrative accounts to reduce risk of compromise.",
          "id": "c7503427-338e-4c5e-902d-abe252abfb43",
          "scenarios": "secureFoundation,zeroTrust,protectAdmins",
          "details": {
            "sessionControls": null,
            "conditions": {
              "userRiskLevels": [],
              "signInRiskLevels": [],
              "clientAppTypes": [ "all" ],
              "platforms": null,
              "locations": null,
              "devices": null,
              "applications": { "includeApplications": [ "All" ], "excludeApplications": [], "includeUserActions": [], "includeAuthenticationContextClassReferences": [] },
              "users": {
                "includeUsers": [], "excludeUsers": [ "Current administrator will be excluded" ], "includeGroups": [], "excludeGroups": [],
                "includeRoles": [ "62e90394-69f5-4237-9190-012177145e10", "194ae4cb-b126-40b2-bd5b-6091b380977d" ], "excludeRoles": []
              }
            },
            "grantControls": { "operator": "OR", "builtInControls": [ "mfa" ], "customAuthenticationFactors": [], "termsOfUse": [] }
          }
        }
        """;

    private static readonly string[] Fragments = ["null", "[]", "{}", "\"\"", "\"x\"", "1", "-1", "1e400", "true", ",", ":", "[", "]", "{", "}", "\"@odata.type\"", "\\u0000", "\"\\ud800\""];

    /// <summary>A few random edits (cut, insert a JSON fragment, change a character, replace a value): malformed input.</summary>
    public static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && sb.Length > 0; e++)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(4))
            {
                case 0:
                    sb.Remove(at, Math.Min(sb.Length - at, random.Next(1, 12)));
                    break;
                case 1:
                    sb.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2:
                    sb[at] = (char)random.Next(0x20, 0x7F);
                    break;
                default:
                    // Replace a JSON value after a colon with a fragment: wrong kinds, nulls, empty containers.
                    var colon = text.IndexOf(':', at % text.Length);
                    if (colon > 0 && colon < sb.Length - 1)
                    {
                        var end = colon + 1;
                        while (end < sb.Length && sb[end] is not (',' or '}' or ']'))
                        {
                            end++;
                        }

                        sb.Remove(colon + 1, end - colon - 1).Insert(colon + 1, " " + Fragments[random.Next(Fragments.Length)]);
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}

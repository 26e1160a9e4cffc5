using System.CommandLine.Parsing;

namespace CleanroomMonitor.Simulators.CommandLine;

/// <summary>The parser of an option whose value is the service's address (<c>--api</c>). System.CommandLine 2.0 has no
/// converter for <see cref="Uri"/>: <c>oq run --api http://127.0.0.1:5080</c> parsed, connected to the broker, and only
/// then crashed reading the value ("Cannot parse argument … as expected type 'System.Uri'", issue 24). Parsed here, a bad
/// address is a parse error naming the option and the value, before anything connects.</summary>
internal static class HttpAddress
{
    public static Uri? Parse(ArgumentResult result)
    {
        var name = (result.Parent as OptionResult)?.Option.Name ?? result.Argument.Name;
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        // A path such as /api is an absolute file: URI on Unix, so the scheme is checked as well.
        if (Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
        {
            return address;
        }
        result.AddError($"{name} '{text}': expected an absolute http or https address such as http://127.0.0.1:5080");
        return null;
    }
}

namespace CleanroomMonitor.Core.Security;

/// <summary>The minimum strength and the life of a password (Part 11 §11.300(b): passwords are checked and aged). Pure:
/// the caller gives the password, the user name and the times.</summary>
/// <remarks>Refused, besides passwords shorter than <paramref name="MinimumLength"/>: fewer than 5 different characters;
/// one unit repeated ("abcdeabcde", "aaaaaaaaaa"); a run of the alphabet, the digits or a keyboard row ("abcdefghij",
/// "9876543210", "qwertyuiop"); a password that contains the user name; and a common password from the built-in list,
/// also when digits or symbols are only put before or after it ("password123", "Welcome2024!").</remarks>
/// <param name="MinimumLength">The shortest password accepted.</param>
/// <param name="Expiry">How long a password may be used before its holder must choose a new one.</param>
public sealed record PasswordPolicy(int MinimumLength, TimeSpan Expiry)
{
    /// <summary>Passwords (lower case, letters only where digits or symbols around them would not help) that lists of
    /// leaked passwords put at the top: a guesser tries these first.</summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "password", "passwort", "passw0rd", "p@ssw0rd", "welcome", "letmein", "admin", "administrator", "qwerty", "qwertz",
        "azerty", "iloveyou", "monkey", "dragon", "sunshine", "princess", "football", "baseball", "master", "shadow",
        "superman", "trustno", "changeme", "secret", "default", "login", "abc", "test", "tester", "guest", "root", "user",
        "summer", "winter", "spring", "autumn", "hello", "freedom", "whatever", "starwars", "computer", "michael",
        "qwertyuiop", "asdfghjkl", "zxcvbnm", "1q2w3e4r", "1qaz2wsx", "zaq12wsx", "passwordpassword", "cleanroom", "gmp",
    };

    private static readonly string[] Runs = ["abcdefghijklmnopqrstuvwxyz", "0123456789", "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "azertyuiop"];

    /// <returns>Why the password is refused, or null when it is acceptable.</returns>
    public string? Problem(string? password, string? userName)
    {
        if (password is null || password.Length < MinimumLength)
        {
            return $"the password needs at least {MinimumLength} characters";
        }
        if (password.Distinct().Count() < 5)
        {
            return "the password needs at least 5 different characters";
        }
        var lower = password.ToLowerInvariant();
        if (IsRepeatedUnit(lower))
        {
            return "the password repeats one pattern (like \"abcabcabc\")";
        }
        if (IsRun(lower))
        {
            return "the password is a run of the alphabet, the digits or a keyboard row";
        }
        if (userName is { Length: >= 3 } && lower.Contains(userName.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return "the password contains the user name";
        }
        var core = lower.Trim("0123456789!@#$%^&*()-_=+.,;:?'\"/\\|[]{}<>~` ".ToCharArray());
        if (Common.Contains(lower) || Common.Contains(core) || (core.Length > 0 && IsRepeatedUnit(core) && Common.Contains(core[..RepeatLength(core)])))
        {
            return "the password is too common (it is on the list of passwords guessed first)";
        }
        return null;
    }

    /// <summary>A password set at <paramref name="changedAt"/> must be replaced from <paramref name="now"/> on.</summary>
    public bool IsExpired(DateTimeOffset changedAt, DateTimeOffset now) => now - changedAt >= Expiry;

    private static bool IsRepeatedUnit(string text) => RepeatLength(text) < text.Length;

    /// <summary>The shortest unit that, repeated (the last time possibly cut short, with at least two whole units),
    /// makes <paramref name="text"/>; its length when there is none.</summary>
    private static int RepeatLength(string text)
    {
        for (var unit = 1; unit <= text.Length / 2; unit++)
        {
            var repeats = true;
            for (var i = unit; i < text.Length && repeats; i++)
            {
                repeats = text[i] == text[i - unit];
            }
            if (repeats)
            {
                return unit;
            }
        }
        return text.Length;
    }

    private static bool IsRun(string text) =>
        Runs.Any(run => run.Contains(text, StringComparison.Ordinal) || Reverse(run).Contains(text, StringComparison.Ordinal));

    private static string Reverse(string text) => new([.. text.Reverse()]);
}

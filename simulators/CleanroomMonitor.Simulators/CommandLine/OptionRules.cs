using System.CommandLine;
using System.CommandLine.Parsing;

namespace CleanroomMonitor.Simulators.CommandLine;

/// <summary>Rules between options, checked at parse time: an option the command would not use in this combination is
/// refused with a parse error rather than silently ignored (issue 24: a setting typed and ignored is a run that did not
/// do what its command line says).</summary>
internal static class OptionRules
{
    /// <summary>Whether the option was typed (a default value does not count).</summary>
    public static bool IsGiven(this CommandResult command, Option option) => command.GetResult(option) is { Implicit: false };

    /// <summary>Each of <paramref name="dependents"/> is refused unless <paramref name="required"/> is given too.</summary>
    public static void RequireFor(this Command command, Option required, params Option[] dependents) =>
        command.Validators.Add(result =>
        {
            if (result.IsGiven(required))
            {
                return;
            }
            foreach (var dependent in dependents.Where(result.IsGiven))
            {
                result.AddError($"{dependent.Name} needs {required.Name}");
            }
        });

    /// <summary>Each of <paramref name="options"/> is refused when <paramref name="applies"/> says no, with
    /// <paramref name="why"/> after the option's name.</summary>
    public static void RefuseUnless(this Command command, Func<CommandResult, bool> applies, string why, params Option[] options) =>
        command.Validators.Add(result =>
        {
            if (applies(result))
            {
                return;
            }
            foreach (var option in options.Where(result.IsGiven))
            {
                result.AddError($"{option.Name} {why}");
            }
        });
}

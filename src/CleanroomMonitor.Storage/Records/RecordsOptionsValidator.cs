using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Checks <see cref="RecordsOptions"/> against its DataAnnotations (source-generated).</summary>
[OptionsValidator]
internal sealed partial class RecordsOptionsValidator : IValidateOptions<RecordsOptions>;

using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Buffer;

/// <summary>Checks <see cref="DurableBufferOptions"/> against its DataAnnotations (source-generated).</summary>
[OptionsValidator]
internal sealed partial class DurableBufferOptionsValidator : IValidateOptions<DurableBufferOptions>;

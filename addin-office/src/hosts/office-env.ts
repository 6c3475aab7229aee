// The slices of the Office.js globals the adapters use, so tests can hand in a double.

/** `Word` as the Word adapter uses it. */
export interface WordNamespace {
  run<T>(batch: (context: Word.RequestContext) => Promise<T>): Promise<T>;
}

/** `PowerPoint` as the PowerPoint adapter uses it. */
export interface PowerPointNamespace {
  run<T>(batch: (context: PowerPoint.RequestContext) => Promise<T>): Promise<T>;
}

/** `Office` as the adapters use it: requirement checks and, for PowerPoint, image insertion. */
export interface OfficeNamespace {
  context: {
    requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    document: {
      setSelectedDataAsync(
        data: string,
        options: Office.SetSelectedDataOptions,
        callback: (result: Office.AsyncResult<void>) => void,
      ): void;
    };
  };
  CoercionType: { Image: Office.CoercionType | string };
  AsyncResultStatus: { Failed: Office.AsyncResultStatus | string };
}

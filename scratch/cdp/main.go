package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath("/usr/bin/chromium"), chromedp.NoSandbox, chromedp.DisableGPU)
	alloc, c1 := chromedp.NewExecAllocator(context.Background(), opts...)
	defer c1()
	root, c2 := chromedp.NewContext(alloc)
	defer c2()
	fmt.Println("start", chromedp.Do(root))
	ctx := root
	if len(os.Args) > 1 {
		var c3 context.CancelFunc
		ctx, c3 = chromedp.NewContext(root, chromedp.WithNewBrowserContext())
		defer c3()
		fmt.Println("tab", chromedp.Do(ctx))
	}
	t, c4 := context.WithTimeout(ctx, 10*time.Second)
	defer c4()
	fmt.Println("nav", chromedp.Do(t, chromedp.Navigate("http://127.0.0.1:8099/portal"), chromedp.WaitReady(chromedp.CSS("body"))))
	title, err := chromedp.Run(t, chromedp.Title())
	fmt.Println(title, err)
}
